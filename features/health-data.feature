@hipaa
Feature: Vendor handling health data
  Patient records are protected health information under HIPAA, and personal data under the
  GDPR. A vendor that stores or processes them for us is a business associate: it signs a BAA,
  applies the Security Rule's technical safeguards and tells us of a breach in time for our
  own notices (HIPAA allows a business associate at most 60 days from discovery).

  Background:
    Given the engagement involves "health data"
    And the engagement involves "personal data"

  Scenario: A business associate agreement is signed
    Then the vendor must hold a valid "hipaa-baa"

  Scenario: The vendor states that it complies with HIPAA
    Then the vendor must claim compliance with "hipaa"

  Scenario: Technical safeguards of the Security Rule
    Then the requirement "hipaa-security" "164.312(a)(2)(iv)" must not be a gap
    And the requirement "hipaa-security" "164.312(d)" must not be a gap
    And the requirement "hipaa-security" "164.312(e)(1)" must not be a gap

  Scenario: Activity on patient records is logged
    Then the vendor must claim "audit-logging"

  Scenario: Breaches are reported in time
    Then the vendor must notify customers of a data breach within 60 days

  Scenario: Most of the Security Rule is addressed
    Then coverage of "hipaa-security" must be at least 50 percent
