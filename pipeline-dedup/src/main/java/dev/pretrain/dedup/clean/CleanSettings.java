package dev.pretrain.dedup.clean;

import java.io.Serializable;
import dev.pretrain.common.config.SettingsReader;
import java.util.List;

/**
 * The {@code curate.clean} section: which cleaning steps run and their options (their order is
 * {@code dev.pretrain.dedup.job.CurateSteps}).
 */
public record CleanSettings(
    boolean nfc,
    boolean controlChars,
    boolean mojibake,
    boolean c4Lines,
    boolean c4Javascript,
    boolean c4Policy,
    int c4MaxWordLength,
    boolean pii,
    boolean piiEmails,
    boolean piiPublicIps,
    List<String> emailPlaceholders,
    List<String> ipv4Placeholders,
    List<String> ipv6Placeholders,
    boolean whitespace,
    int maxBlankLines) implements Serializable {

  public CleanSettings {
    emailPlaceholders = List.copyOf(emailPlaceholders);
    ipv4Placeholders = List.copyOf(ipv4Placeholders);
    ipv6Placeholders = List.copyOf(ipv6Placeholders);
  }

  public static CleanSettings read(SettingsReader r) {
    String p = "curate.clean.";
    CleanSettings s = new CleanSettings(
        r.bool(p + "nfc.enabled"),
        r.bool(p + "control-chars.enabled"),
        r.bool(p + "mojibake.enabled"),
        r.bool(p + "c4-lines.enabled"),
        r.bool(p + "c4-lines.javascript"),
        r.bool(p + "c4-lines.policy"),
        r.intIn(p + "c4-lines.max-word-length", 0, Integer.MAX_VALUE),
        r.bool(p + "pii.enabled"),
        r.bool(p + "pii.emails"),
        r.bool(p + "pii.public-ips"),
        r.stringList(p + "pii.email-placeholders"),
        r.stringList(p + "pii.ipv4-placeholders"),
        r.stringList(p + "pii.ipv6-placeholders"),
        r.bool(p + "whitespace.enabled"),
        r.intIn(p + "whitespace.max-blank-lines", 0, 1000));
    r.check(!s.emailPlaceholders.isEmpty(), p + "pii.email-placeholders", "have at least one entry");
    r.check(!s.ipv4Placeholders.isEmpty(), p + "pii.ipv4-placeholders", "have at least one entry");
    r.check(!s.ipv6Placeholders.isEmpty(), p + "pii.ipv6-placeholders", "have at least one entry");
    return s;
  }

}
