Feature: Mistakes in requirement files are reported, not run
  A requirements file is written by people. A typo in a step, a broken table or a control
  that does not exist stops the run before anything is checked: exit code 2 and one line
  that names the file and line, with the closest sentences the tool knows.

  Background:
    Given a workspace with the sample dossiers and requirement features

  Scenario: A misspelt step is named with the closest known steps
    Given a file "typo.feature" containing:
      """
      Feature: Support
        Scenario: Critical tickets
          Given the vendor "6clicks"
          Then the "critical" support respons must be at most 1 hours
      """
    When I run `auditor requirements run typo.feature`
    Then the exit code is 2
    And the error output contains "typo.feature:4: undefined step"
    And the error output contains "closest known steps: Then the "critical" support response must be at most 1 hours"
    And the error output is one line without a traceback

  Scenario: A Gherkin syntax error names its line
    Given a file "broken.feature" containing:
      """
      Feature: Broken
        Scenario: Fine
          Given the vendor "6clicks"
        Scenario without a colon
          Then the sanctions screening must be clear
      """
    When I run `auditor requirements run broken.feature`
    Then the exit code is 2
    And the error output contains "broken.feature:4: Gherkin syntax error: unexpected “Scenario without a colon”"
    And the error output is one line without a traceback

  Scenario: An unknown control is caught before the run, with a suggestion
    Given a file "control.feature" containing:
      """
      Feature: Controls
        Scenario: Encryption
          Given the vendor "zoho-crm"
          Then the vendor must claim "encryption-at-rset"
      """
    When I run `auditor requirements run control.feature`
    Then the exit code is 2
    And the error output contains "control.feature:4: unknown control 'encryption-at-rset'; did you mean 'encryption-at-rest'"

  Scenario: A scenario must say which vendor it is about
    Given a file "whom.feature" containing:
      """
      Feature: Whom?
        Scenario: Refunds
          Then the vendor must offer refunds
      """
    When I run `auditor requirements run whom.feature`
    Then the exit code is 2
    And the error output contains "whom.feature:2: scenario “Refunds” names no vendor"
