package io.slabtrace.cli.format;

/** The forms a command prints: a table for people, CSV and JSON for programs. */
public enum OutputFormat { table, csv, json }
