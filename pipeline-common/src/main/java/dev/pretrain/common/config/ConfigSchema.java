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
 * @param openSections paths below which any key is accepted too, but whose keys are nested
 *     sections as written (settings per language: {@code curate.filter.by-language.zh.gopher-quality}),
 *     so they are printed nested, not flattened as the free-form maps; the job's reader checks them
 */
public record ConfigSchema(List<String> sections, Set<String> freeForm, Map<String, String> removed,
    Set<String> openSections) {
  public ConfigSchema {
    sections = List.copyOf(sections);
    freeForm = Set.copyOf(freeForm);
    removed = Map.copyOf(removed);
    openSections = Set.copyOf(openSections);
  }

  /** A schema without open sections. */
  public ConfigSchema(List<String> sections, Set<String> freeForm, Map<String, String> removed) {
    this(sections, freeForm, removed, Set.of());
  }

  /** A schema without removed keys. */
  public ConfigSchema(List<String> sections, Set<String> freeForm) {
    this(sections, freeForm, Map.of());
  }

  /** True if {@code path} is a free-form map or an open section, or lies below one. */
  public boolean isFreeForm(String path) {
    for (Set<String> any : List.of(freeForm, openSections)) {
      for (String prefix : any) {
        if (path.equals(prefix) || path.startsWith(prefix + ".")) {
          return true;
        }
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
    Set<String> allOpen = new java.util.HashSet<>(openSections);
    allOpen.addAll(other.openSections);
    return new ConfigSchema(allSections, allFree, allRemoved, allOpen);
  }
}
