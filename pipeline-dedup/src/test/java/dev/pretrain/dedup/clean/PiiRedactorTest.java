package dev.pretrain.dedup.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PiiRedactorTest {
  private final PiiRedactor redactor = new PiiRedactor(true, true, PiiRedactor.DEFAULT_EMAIL_PLACEHOLDERS,
      PiiRedactor.DEFAULT_IPV4_PLACEHOLDERS, PiiRedactor.DEFAULT_IPV6_PLACEHOLDERS);

  @Test
  void emailsAreReplacedInTurnStartingAfreshInEachDocument() {
    CleanCounters c = new CleanCounters();
    String text = "Write to John.Doe@Example.COM or to a_b+c@mail.co.uk.";
    String expected = "Write to email@example.com or to firstname.lastname@example.org.";
    assertEquals(expected, redactor.apply(text, c));
    assertEquals(expected, redactor.apply(text, c));
    assertEquals(4, c.get("pii.email-replaced"));
  }

  @Test
  void hostsWithoutADotAndMalformedAddressesAreNotEmails() {
    String text = "root@localhost, a..b@x.org is not valid, @handle, x@-bad.com, trailing@dot.";
    assertEquals(text, redactor.apply(text, new CleanCounters()));
  }

  @Test
  void publicIpv4IsReplacedPrivateAndReservedAreKept() {
    CleanCounters c = new CleanCounters();
    String text = "Server 8.8.8.8, router 192.168.1.1, lan 10.0.0.7, cgnat 100.64.0.1, local 127.0.0.1, "
        + "docs 203.0.113.5, host 172.32.0.1.";
    assertEquals("Server 22.214.171.124, router 192.168.1.1, lan 10.0.0.7, cgnat 100.64.0.1, local 127.0.0.1, "
        + "docs 203.0.113.5, host 126.96.36.199.", redactor.apply(text, c));
    assertEquals(2, c.get("pii.ipv4-replaced"));
  }

  @Test
  void versionNumbersWithMoreOrBiggerPartsAreNotAddresses() {
    String text = "version 1.2.3.4.5 and 300.1.1.1 and 1.2.3";
    assertEquals(text, redactor.apply(text, new CleanCounters()));
  }

  @Test
  void publicIpv6IsReplacedLinkLocalAndDocumentationAreKept() {
    CleanCounters c = new CleanCounters();
    String text = "v6 2a00:1450:4007:80e::200e, ll fe80::1, doc 2001:db8::5, loop ::1, time 12:30:45";
    assertEquals("v6 2001:db8::1, ll fe80::1, doc 2001:db8::5, loop ::1, time 12:30:45", redactor.apply(text, c));
    assertEquals(1, c.get("pii.ipv6-replaced"));
  }

  @Test
  void ipv6ParserAcceptsOnlyWellFormedAddresses() {
    assertTrue(IpAddresses.isPublicIpv6(IpAddresses.parseIpv6("2606:4700:4700:0:0:0:0:1111")));
    assertFalse(IpAddresses.isPublicIpv6(IpAddresses.parseIpv6("2002::1")));
    assertNull(IpAddresses.parseIpv6("1::2::3"));
    assertNull(IpAddresses.parseIpv6("12345::"));
    assertNull(IpAddresses.parseIpv6("1:2:3:4:5:6:7"));
  }

  @Test
  void switchesTurnEachKindOff() {
    String text = "a@b.org 8.8.8.8";
    PiiRedactor off = new PiiRedactor(false, false, PiiRedactor.DEFAULT_EMAIL_PLACEHOLDERS,
        PiiRedactor.DEFAULT_IPV4_PLACEHOLDERS, PiiRedactor.DEFAULT_IPV6_PLACEHOLDERS);
    assertEquals(text, off.apply(text, new CleanCounters()));
  }
}
