Feature: Auditing a vendor from its dossier
  `auditor audit` weighs what a vendor claims (its dossier, built from its own documents) and
  what evidence shows against every framework the engagement brings into scope, and reports
  per requirement where the vendor stands. These scenarios run on the sample dossiers built
  from the real vendor documents.

  Background:
    Given a workspace with the sample dossiers and requirement features

  Scenario: The built-in frameworks are there in a fresh workspace
    Given an empty workspace
    When I run `auditor frameworks list --format json`
    Then the exit code is 0
    And the JSON list "" has an item whose "id" is "gdpr"
    And the JSON list "" has an item whose "id" is "iso27001-2022"
    And the JSON list "" has an item whose "id" is "pci-dss-4.0.1"
    And the JSON list "" has an item whose "id" is "ear-ofac"

  Scenario: An audit in JSON names the vendor, the frameworks, the findings and the screening
    When I run `auditor audit zoho-crm --format json --no-record`
    Then the exit code is 0
    And the JSON field "vendor.id" is "zoho-crm"
    And the JSON list "frameworks" has an item whose "id" is "iso27001-2022"
    And the JSON field "screening.status" is "not_screened"
    And the JSON field "requirements_run" is null

  Scenario: The engagement decides which frameworks apply
    When I run `auditor audit 6clicks --format json --no-record`
    Then the framework "gdpr" is applicable
    And the framework "hipaa-security" is not applicable
    When I run `auditor audit 6clicks --format json --no-record --scope "health data"`
    Then the framework "hipaa-security" is applicable
    And the framework "gdpr" is not applicable

  Scenario: A support promise is judged in worst-case calendar time
    When I run `auditor audit 6clicks --format json --no-record`
    Then the JSON list "findings" has an item whose "title" is "High support response does not meet policy"
    And the JSON field "findings.0.detail" contains "in calendar time"

  Scenario: A coverage gate fails the run
    When I run `auditor audit 6clicks --no-record --fail-under 90`
    Then the exit code is 1
    And the error output contains "gate failed"

  Scenario: An unknown vendor is a one-line error
    When I run `auditor audit no-such-vendor`
    Then the exit code is 2
    And the error output contains "no dossier 'no-such-vendor'"
    And the error output is one line without a traceback
