@support
Feature: Support expectations for a business-critical service
  What we expect of a vendor's support, after the checklist of what support a software vendor
  should offer (channels, documentation, escalation, SLAs with guaranteed response times).
  Times are judged in worst-case calendar time: a promise counted in business hours waits for
  the vendor's next working day.

  Rule: Critical incidents are answered at any hour

    Scenario: Critical tickets are answered within one hour
      Then the "critical" support response must be at most 1 hours

    Scenario: Critical support works around the clock
      Then "critical" support must be available 24x7

  Rule: Other tickets are answered within a working day

    Scenario Outline: <severity> tickets are answered within <hours> hours
      Then the "<severity>" support response must be at most <hours> hours

      Examples:
        | severity | hours |
        | high     | 8     |
        | medium   | 24    |

  Rule: Help is easy to reach and to escalate

    Scenario: Support is reachable by e-mail and chat
      Then the vendor must offer "email" support
      And the vendor must offer "chat" support

    Scenario: Phone support is not reserved to premium tiers
      Then the vendor must offer "phone" support to every customer

    Scenario: An escalation path is described
      Then the vendor must describe an escalation process
