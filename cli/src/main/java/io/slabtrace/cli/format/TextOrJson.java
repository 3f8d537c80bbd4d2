package io.slabtrace.cli.format;

/** Output of the explaining commands: words for people, JSON for programs. */
public enum TextOrJson { text, json }
