package dev.pretrain.tokenize.mix;

import java.io.Serializable;

/**
 * One input of a weighted mix ({@code tokenize.mix}, or {@code --input NAME=PATH:WEIGHT}).
 *
 * @param name names the source in the manifest and salts its selection hashes
 * @param input a curate output, or its {@code documents/} directory
 * @param weight its share of the tokens is {@code weight / (sum of the weights)}
 */
public record MixSource(String name, String input, double weight) implements Serializable {}
