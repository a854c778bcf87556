package dev.pretrain.common.config;

/** The text of a configuration file and the name to use for it in messages. */
public record ConfigSource(String name, String text) {}
