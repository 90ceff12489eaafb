@pci
Feature: Payment vendor handling cardholder data
  A vendor that stores, processes or transmits card numbers for us is a PCI DSS service
  provider. We need its Attestation of Compliance, strong cryptography for card data, MFA into
  the cardholder data environment and a recent penetration test.

  Background:
    Given the engagement involves "cardholder data"

  Scenario: The vendor holds a PCI DSS Attestation of Compliance
    Then the vendor must hold a valid "pci-dss-aoc"

  Scenario: The vendor states PCI DSS compliance
    Then the vendor must claim compliance with "pci-dss"

  Scenario: Card numbers are unreadable where stored and protected in transit
    Then the requirement "pci-dss-4.0.1" "3.5.1" must not be a gap
    And the requirement "pci-dss-4.0.1" "4.2.1" must not be a gap

  Scenario: MFA protects every access into the cardholder data environment
    Then the requirement "pci-dss-4.0.1" "8.4.2" must not be a gap

  Scenario: A penetration test from the last twelve months is on file
    Then evidence for "penetration-testing" must be at most 12 months old

  Scenario: Nothing high or critical is open
    Then the vendor must not have findings of severity "high" or worse
