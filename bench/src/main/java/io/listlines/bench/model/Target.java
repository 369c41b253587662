package io.listlines.bench.model;

/** A target from the issue: {@code met}, {@code missed} or {@code not measured}, with the numbers. */
public record Target(String name, String status, String detail) {}
