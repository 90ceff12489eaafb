@export
Feature: Export controls and sanctions
  Sharing export-controlled technical data with a vendor is an export to every place it stores
  or processes that data. No party in the chain may be a denied party, and nothing may be
  hosted or sub-processed in an embargoed jurisdiction (EAR part 746, OFAC country programmes).

  Background:
    Given the engagement involves "export-controlled technology"

  Scenario: Vendor, parent and sub-processors are not denied parties
    Then the sanctions screening must be clear

  Scenario: Nothing is hosted or sub-processed in an embargoed jurisdiction
    Then the requirement "ear-ofac" "OFAC-EMBARGO" must not be a gap
    And no sub-processor may be located in "CU, IR, KP, SY, RU, BY"

  Scenario: The vendor states it complies with US export controls
    Then the vendor must claim compliance with "ear"
    And the vendor must claim compliance with "ofac"

  Scenario: Nothing critical is open
    Then the vendor must not have findings of severity "critical"
