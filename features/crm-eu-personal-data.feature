@gdpr @crm
Feature: CRM vendor handling EU personal data
  A CRM holds our customers' and prospects' contact details, deal notes and e-mail history:
  personal data under the GDPR. Before a CRM vendor is approved, the security team expects
  these answers from its dossier. Run it for the vendor under review:

    auditor requirements run features/crm-eu-personal-data.feature --vendor zoho-crm

  Background:
    Given the engagement involves "personal data"

  Rule: The data is protected

    Scenario: Customer data is encrypted at rest and in transit
      Then the vendor must claim "encryption-at-rest"
      And the vendor must claim "encryption-in-transit"

    Scenario: Accounts are protected by multi-factor authentication
      Then the vendor must claim "mfa"

    Scenario: Cryptography is addressed as ISO 27001 asks
      Then the requirement "iso27001-2022" "A.8.24" must not be a gap

    Scenario: The security management system is certified
      Then the vendor must hold a valid "iso27001"

  Rule: The vendor is a GDPR processor we can rely on

    Scenario: The vendor commits to the GDPR
      Then the vendor must claim compliance with "gdpr"

    Scenario: Most GDPR processor obligations are addressed
      Then coverage of "gdpr" must be at least 50 percent

    Scenario: Customers keep their data when they leave
      Then the vendor must let customers export their data after termination

    Scenario: No party in the chain is sanctioned
      Then the sanctions screening must be clear
      And the vendor must not have findings of severity "critical"
