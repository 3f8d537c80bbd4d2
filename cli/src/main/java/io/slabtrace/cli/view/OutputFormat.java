package io.slabtrace.cli.view;

/** The forms a command prints: a table for people, CSV and JSON for programs. */
public enum OutputFormat { table, csv, json }
