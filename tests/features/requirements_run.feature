Feature: Running vendor requirements written in Gherkin
  A security team writes what it expects of a kind of vendor as Gherkin scenarios, and
  `auditor requirements run` checks a vendor's dossier against them: each scenario passes or
  fails, a failure says what was required and what the dossier holds, and the exit code is 1
  when anything failed.

  Background:
    Given a workspace with the sample dossiers and requirement features

  Scenario: 6clicks answers critical tickets within the hour, Zoho partner support does not
    Given a file "critical.feature" containing:
      """
      Feature: Critical incidents
        Scenario: 6clicks
          Given the vendor "6clicks"
          Then the "critical" support response must be at most 1 hours
          And "critical" support must be available 24x7

        Scenario: Zoho partner support
          Given the vendor "zoho-partner-support"
          Then the "critical" support response must be at most 1 hours
      """
    When I run `auditor requirements run critical.feature --format json`
    Then the exit code is 1
    And the scenario "6clicks" passed
    And the scenario "Zoho partner support" failed
    And the JSON field "scenarios.1.message" contains "required a critical response within 1 hour; dossier holds 3 business hours, worst case"
    And the JSON field "passed" is 1
    And the JSON field "failed" is 1

  Scenario: A requirement set runs against the vendor named on the command line
    When I run `auditor requirements run features/support-sla.feature --vendor 6clicks --format json`
    Then the exit code is 1
    And the scenario "Critical tickets are answered within one hour" passed
    And the scenario "Phone support is not reserved to premium tiers" failed
    And the JSON field "scenarios.0.vendor" is "6clicks"

  Scenario: The table for people lists every scenario and explains each failure
    When I run `auditor requirements run features/support-sla.feature --vendor zoho-partner-support`
    Then the exit code is 1
    And the output contains "FAIL"
    And the output contains "Failures:"
    And the output contains "features/support-sla.feature:11"
    And the output contains "worst case"

  Scenario: Tags choose the scenarios
    When I run `auditor requirements run features --vendor 6clicks --tags "@support and not @dummy" --format json`
    Then the exit code is 1
    And the JSON list "scenarios" has 7 items

  Scenario: Arabic Gherkin keywords
    When I run `auditor requirements run features/support-sla-ar.feature --vendor 6clicks --format json`
    Then the scenario "الرد على التذاكر الحرجة خلال ساعة واحدة" passed
    And the JSON field "scenarios.0.feature" is "توقعات الدعم الفني من المورد"

  Scenario: CI gets JUnit XML and Cucumber JSON
    When I run `auditor requirements run features/support-sla.feature --vendor 6clicks --junit out/junit.xml --cucumber-json out/cucumber.json`
    Then the exit code is 1
    And the file "out/junit.xml" is JUnit XML with 7 tests and 3 failures
    And the file "out/cucumber.json" is Cucumber JSON with 7 scenarios

  Scenario: The user's own pytest configuration plays no part
    Given a file "conftest.py" containing:
      """
      raise RuntimeError("a hostile conftest.py was imported")
      """
    And a file "pytest.ini" containing:
      """
      [pytest]
      addopts = --no-such-option
      """
    And the environment variable "PYTEST_ADDOPTS" is "--another-bad-option"
    When I run `auditor requirements run features/support-sla.feature --vendor 6clicks --format json` as a separate process
    Then the exit code is 1
    And the scenario "Critical tickets are answered within one hour" passed

  Scenario: The results go into the audit
    When I run `auditor audit 6clicks --no-record --format json --requirements features/support-sla.feature`
    Then the exit code is 1
    And the JSON field "vendor.id" is "6clicks"
    And the JSON field "requirements_run.passed" is 4
    And the JSON field "requirements_run.failed" is 3
    And the scenario "Critical support works around the clock" passed
    And the error output contains "requirement scenario(s) failed"

  Scenario: The step sentences are listed with an example each
    When I run `auditor requirements steps`
    Then the exit code is 0
    And the output contains "Then the "critical" support response must be at most 1 hours"
    And the output contains "Given the engagement involves "health data""
