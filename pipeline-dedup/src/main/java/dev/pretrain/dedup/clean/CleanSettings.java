package dev.pretrain.dedup.clean;

import dev.pretrain.common.config.SettingsReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code curate.clean} section: which cleaning steps run and their options. The steps run in
 * a fixed order: HTML to text, NFC, control characters, mojibake counting, C4 line rules, PII,
 * whitespace last (removed lines leave blank runs behind).
 */
public record CleanSettings(
    boolean html,
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
    int maxBlankLines) {

  public CleanSettings {
    emailPlaceholders = List.copyOf(emailPlaceholders);
    ipv4Placeholders = List.copyOf(ipv4Placeholders);
    ipv6Placeholders = List.copyOf(ipv6Placeholders);
  }

  public static CleanSettings defaults() {
    return new CleanSettings(true, true, true, true, true, true, true, 1000, true, true, true,
        PiiRedactor.DEFAULT_EMAIL_PLACEHOLDERS, PiiRedactor.DEFAULT_IPV4_PLACEHOLDERS,
        PiiRedactor.DEFAULT_IPV6_PLACEHOLDERS, true, 2);
  }

  public static CleanSettings read(SettingsReader r) {
    String p = "curate.clean.";
    CleanSettings s = new CleanSettings(
        r.bool(p + "html.enabled"),
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

  public List<Cleaner> enabledCleaners() {
    List<Cleaner> out = new ArrayList<>();
    if (html) {
      out.add(new HtmlToText());
    }
    if (nfc) {
      out.add(new UnicodeNfc());
    }
    if (controlChars) {
      out.add(new ControlCharacters());
    }
    if (mojibake) {
      out.add(new MojibakeCounter());
    }
    if (c4Lines) {
      out.add(new C4LineCleaner(c4Javascript, c4Policy, c4MaxWordLength));
    }
    if (pii) {
      out.add(new PiiRedactor(piiEmails, piiPublicIps, emailPlaceholders, ipv4Placeholders, ipv6Placeholders));
    }
    if (whitespace) {
      out.add(new Whitespace(maxBlankLines));
    }
    return out;
  }
}
