package dev.pretrain.common.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a job's configuration may contain beyond what {@code reference.conf} declares: the
 * sections it prints with {@code --print-config}, the sub-trees that are free-form maps whose
 * keys nobody can know in advance (extra Spark settings, metadata field mappings), and the keys
 * that earlier versions read and this one does not.
 *
 * @param sections top-level sections in print order, e.g. {@code spark}, {@code curate}
 * @param freeForm paths below which any key is accepted, e.g. {@code spark.conf}
 * @param removed full paths of removed keys, each with why it went and what to do instead: an old
 *     config that still sets one is refused with that reason rather than as a misspelling
 */
public record ConfigSchema(List<String> sections, Set<String> freeForm, Map<String, String> removed) {
  public ConfigSchema {
    sections = List.copyOf(sections);
    freeForm = Set.copyOf(freeForm);
    removed = Map.copyOf(removed);
  }

  /** A schema without removed keys. */
  public ConfigSchema(List<String> sections, Set<String> freeForm) {
    this(sections, freeForm, Map.of());
  }

  /** True if {@code path} is a free-form map or lies below one. */
  public boolean isFreeForm(String path) {
    for (String prefix : freeForm) {
      if (path.equals(prefix) || path.startsWith(prefix + ".")) {
        return true;
      }
    }
    return false;
  }

  public ConfigSchema plus(ConfigSchema other) {
    List<String> allSections = new java.util.ArrayList<>(sections);
    other.sections.stream().filter(s -> !allSections.contains(s)).forEach(allSections::add);
    Set<String> allFree = new java.util.HashSet<>(freeForm);
    allFree.addAll(other.freeForm);
    Map<String, String> allRemoved = new java.util.HashMap<>(removed);
    allRemoved.putAll(other.removed);
    return new ConfigSchema(allSections, allFree, allRemoved);
  }
}
