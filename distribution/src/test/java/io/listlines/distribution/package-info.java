/**
 * The release as a user gets it: the archive unpacked where no Java is installed ({@link ArchiveIT}), the systemd
 * unit ({@link SystemdUnitIT}) and the container image archive ({@link ImageIT}).
 */
package io.listlines.distribution;
