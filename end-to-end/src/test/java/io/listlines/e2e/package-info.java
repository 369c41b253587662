/**
 * End-to-end tests ({@code *IT}, run by Failsafe in {@code mvn verify}): every server model and
 * the client over real loopback sockets, and the programs as real processes (signals, the
 * open-file limit, the article's Python programs). Tests of every model run one model of each family in the fast
 * tier and all of them under {@code -Pfull}; the slow ones ({@code @Tag("slow")}: the soak, the open-file limit,
 * HAProxy, the hitless restart) run under {@code -Pfull} alone. {@code KubernetesManifestsIT} holds deploy/kubernetes/ to
 * the programs it runs. Their helpers are in {@link io.listlines.e2e.kit}.
 */
package io.listlines.e2e;
