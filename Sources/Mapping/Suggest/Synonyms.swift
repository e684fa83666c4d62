import GongCRM

/// Names CRM exports give to Gong's fields and entities, with the CRM each name comes from.
/// Headers are compared normalised: lower case, letters and digits only (`Last Modified Date` →
/// `lastmodifieddate`).
enum Synonyms {
    struct Name {
        let normalized: String
        let crm: String
        /// 1.0 for the canonical name of the field in that CRM; lower for looser names.
        let weight: Double
    }

    static func normalize(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSetAlnum.contains($0) }.map(Character.init))
    }

    /// Wrappers that JSON exports put around a record's fields (HubSpot's `properties.email`).
    static let containerPrefixes = ["properties.", "fields.", "attributes.", "values.", "data.", "record."]

    /// The form headers are compared in: unwrapped and normalised.
    static func key(_ header: String) -> String { normalize(unwrapped(header)) }

    /// Object names Pipedrive puts before every header of an export: `Deal - Title`.
    static let objectPrefixes = ["deal - ", "person - ", "organization - ", "lead - ", "activity - ", "product - ", "note - ", "user - "]

    /// A header without a container or object prefix: `properties.firstname` → `firstname`, `Deal - Title` → `Title`.
    static func unwrapped(_ header: String) -> String {
        let lowered = header.lowercased()
        for prefix in containerPrefixes + objectPrefixes where lowered.hasPrefix(prefix) && header.count > prefix.count {
            return String(header.dropFirst(prefix.count))
        }
        return header
    }

    private static func names(_ crm: String, _ list: [String], weight: Double = 1.0) -> [Name] {
        list.map { Name(normalized: normalize($0), crm: crm, weight: weight) }
    }

    // MARK: Entities

    /// File-name words for each entity.
    static let entityFileNames: [EntityType: [String]] = [
        .businessUser: ["user", "users", "systemuser", "systemusers", "owner", "owners", "employee", "employees", "salesrep", "salesreps", "member", "members", "rep", "reps"],
        .stage: ["stage", "stages", "opportunitystage", "opportunitystages", "dealstage", "dealstages", "pipelinestage", "pipelinestages", "salesstage", "salesstages", "pipeline", "pipelines"],
        .account: ["account", "accounts", "company", "companies", "organization", "organizations", "organisation", "organisations", "org", "orgs", "customer", "customers"],
        .contact: ["contact", "contacts", "person", "persons", "people"],
        .deal: ["opportunity", "opportunities", "deal", "deals", "oppty", "opps"],
        .lead: ["lead", "leads", "prospect", "prospects"],
    ]

    /// Files of CRM objects Gong has no entity for; left unassigned with a reason.
    static let unassignedFileNames: [String: String] = [
        "campaign": "campaigns", "campaigns": "campaigns", "campaignmember": "campaign members", "case": "cases", "cases": "cases",
        "task": "tasks", "tasks": "tasks", "event": "events", "events": "events", "activity": "activities", "activities": "activities",
        "note": "notes", "notes": "notes", "product": "products", "products": "products", "product2": "products", "pricebook": "price books",
        "pricebookentry": "price book entries", "quote": "quotes", "quotes": "quotes", "contract": "contracts", "contracts": "contracts",
        "order": "orders", "orders": "orders", "ticket": "tickets", "tickets": "tickets", "call": "calls", "calls": "calls", "email": "emails",
        "emails": "emails", "meeting": "meetings", "meetings": "meetings", "invoice": "invoices", "invoices": "invoices", "attachment": "attachments",
        "opportunitylineitem": "opportunity products", "lineitem": "line items", "lineitems": "line items", "asset": "assets", "assets": "assets",
        "opportunitycontactrole": "contact roles", "accountcontactrelation": "account-contact relations", "group": "groups", "territory": "territories",
    ]

    /// Headers that point to an entity when seen in a file.
    static let entityHeaderHints: [EntityType: [String]] = [
        .businessUser: ["username", "isactive", "userroleid", "profileid", "internalemailaddress", "domainname", "fullname", "federationidentifier", "managerid",
                        "lastlogin", "lastlogindate", "profile", "userrole", "assignedrole", "assignedteams", "permissions", "manageremail", "team", "role"],
        .stage: ["masterlabel", "sortorder", "defaultprobability", "isclosed", "iswon", "displayorder", "ordernr", "stageorder", "probability"],
        .account: ["website", "industry", "billingcity", "billingstreet", "billingcountry", "annualrevenue", "numberofemployees", "companydomainname", "accountnumber", "websiteurl", "parentaccountid"],
        .contact: ["accountid", "firstname", "lastname", "mailingstreet", "mailingcity", "birthdate", "emailaddress1", "parentcustomerid", "associatedcompanyid", "orgid", "jobtitle"],
        .deal: ["stagename", "amount", "closedate", "probability", "forecastcategory", "forecastcategoryname", "dealstage", "dealname", "estimatedclosedate", "expectedclosedate", "estimatedvalue", "pipeline", "iswon",
                "topic", "potentialcustomer", "estclosedate", "estrevenue", "pipelinephase", "statusreason", "actualclosedate", "actualrevenue", "opportunityname", "opportunityowner"],
        .lead: ["isconverted", "convertedaccountid", "convertedcontactid", "convertedopportunityid", "leadsource", "leadstatus", "company", "converteddate", "qualifyingopportunityid", "rating"],
    ]

    // MARK: Fields

    /// Names of each field of each entity. `%` stands for the entity's own id names.
    static func fieldNames(_ field: String, of entity: EntityType) -> [Name] {
        switch field {
        case "objectId":
            return names("any", ["Id", "Record ID", "Object ID", "External ID"]) + names("any", ownIdNames(entity))
        case "modifiedDate":
            return names("Salesforce", ["LastModifiedDate"]) + names("Dynamics 365", ["Modified On", "modifiedon"]) + names("HubSpot", ["Last Modified Date", "hs_lastmodifieddate", "lastmodifieddate", "updatedAt"])
                + names("Pipedrive", ["update_time", "Update time"]) + names("Zoho CRM", ["Modified Time"]) + names("any", ["Last Modified", "Updated At", "Updated", "Modified", "Date Modified", "Modified Date"], weight: 0.9)
                + names("Salesforce", ["SystemModstamp"], weight: 0.7)
        case "createdDate":
            return names("Salesforce", ["CreatedDate"]) + names("Dynamics 365", ["Created On", "createdon"]) + names("HubSpot", ["Create Date", "createdate", "createdAt"])
                + names("Pipedrive", ["add_time", "Deal created"]) + names("Zoho CRM", ["Created Time"]) + names("any", ["Created", "Created At", "Date Created"], weight: 0.9)
        case "isDeleted":
            return names("Salesforce", ["IsDeleted"]) + names("any", ["Deleted", "Is Deleted", "archived"], weight: 0.9)
        case "url":
            return names("any", ["URL", "Record URL", "Link", "CRM URL", "Record Link"], weight: 0.9)
        case "emailAddress":
            return names("Salesforce", ["Email"]) + names("Dynamics 365", ["emailaddress1", "Email Address", "internalemailaddress", "Primary Email"])
                + names("HubSpot", ["Email", "hs_email"]) + names("Pipedrive", ["Email", "email", "Email - Work"]) + names("Zoho CRM", ["Email"])
                + names("any", ["E-mail", "Work Email", "Business Email", "Email Address"], weight: 0.95)
        case "firstName":
            return names("any", ["FirstName", "First Name", "firstname", "Given Name", "first_name"])
        case "lastName":
            return names("any", ["LastName", "Last Name", "lastname", "Surname", "Family Name", "last_name"])
        case "title":
            return names("any", ["Title", "Job Title", "jobtitle", "Position", "Role"], weight: 0.95)
        case "phoneNumber":
            return names("Salesforce", ["Phone"]) + names("Dynamics 365", ["telephone1", "Business Phone"]) + names("HubSpot", ["Phone Number", "phone"])
                + names("Pipedrive", ["Phone - Work", "phone"]) + names("any", ["Telephone", "Work Phone", "Direct Phone", "Office Phone"], weight: 0.9)
                + names("any", ["MobilePhone", "Mobile Phone", "Mobile", "Cell"], weight: 0.7)
        case "name":
            switch entity {
            case .account: return names("any", ["Name", "Account Name", "Company Name", "Organization Name", "Company", "Organization", "name"])
            case .deal: return names("any", ["Name", "Opportunity Name", "Deal Name", "dealname", "Title", "Topic"])
            case .stage: return names("Salesforce", ["MasterLabel"]) + names("any", ["Name", "Label", "Stage Name", "StageName", "Display Name", "Stage"])
            default: return []
            }
        case "domains":
            return names("Salesforce", ["Website"]) + names("HubSpot", ["Company Domain Name", "domain", "Website URL"]) + names("Dynamics 365", ["websiteurl"])
                + names("any", ["Domain", "Domains", "Web Site", "Web", "Homepage", "Email Domain"], weight: 0.9)
        case "accountId":
            return names("Salesforce", ["AccountId", "Account ID"]) + names("Dynamics 365", ["parentcustomerid", "customerid", "parentaccountid", "Potential Customer", "Parent Customer", "Customer"])
                + names("HubSpot", ["Associated Company IDs (Primary)", "Associated Company ID", "associatedcompanyid", "Company ID"]) + names("HubSpot", ["Associated Company IDs"], weight: 0.97) + names("Pipedrive", ["org_id", "Organization ID", "Organization"])
                + names("Zoho CRM", ["Account Name"]) + names("any", ["Account", "Company", "Company Name", "Account Name", "Associated Company"], weight: 0.8)
        case "ownerId":
            return names("Salesforce", ["OwnerId"]) + names("Dynamics 365", ["ownerid"]) + names("HubSpot", ["Deal owner", "hubspot_owner_id", "Contact owner", "Company owner", "HubSpot Owner"])
                + names("Pipedrive", ["user_id", "owner_id", "Owner"]) + names("Zoho CRM", ["Deal Owner"]) + names("Salesforce", ["Opportunity Owner"])
                + names("any", ["Owner", "Owner ID", "Owner Email", "Owner Name", "Sales Rep", "Account Executive", "Deal Owner", "Account Owner", "Contact Owner", "Lead Owner"], weight: 0.9)
        case "closeDate":
            return names("Salesforce", ["CloseDate"]) + names("Dynamics 365", ["estimatedclosedate", "Est. Close Date", "actualclosedate"]) + names("HubSpot", ["Close Date", "closedate"])
                + names("Pipedrive", ["expected_close_date", "Expected close date", "close_time"]) + names("Zoho CRM", ["Closing Date"]) + names("any", ["Close", "Closed Date", "Expected Close"], weight: 0.85)
        case "status":
            return names("Pipedrive", ["status", "Status"]) + names("Dynamics 365", ["statecode", "Status Reason"], weight: 0.8) + names("any", ["Deal Status", "Outcome", "Won/Lost"], weight: 0.9)
        case "stage":
            return names("Salesforce", ["StageName"]) + names("HubSpot", ["Deal Stage", "dealstage"]) + names("Dynamics 365", ["stepname", "salesstage", "Pipeline Phase"])
                + names("Pipedrive", ["stage_id", "Stage"]) + names("Zoho CRM", ["Stage"]) + names("any", ["Stage", "Sales Stage", "Pipeline Stage", "Stage ID"], weight: 0.9)
        case "amount":
            // Gong takes the amount in the company's currency: a converted column beats the deal's own currency.
            return names("Salesforce", ["Amount (converted)"], weight: 1.06) + names("HubSpot", ["Amount in company currency", "amount_in_home_currency"], weight: 1.06) + names("Dynamics 365", ["estimatedvalue", "Est. Revenue", "actualvalue"])
                + names("Pipedrive", ["value", "Value"]) + names("Zoho CRM", ["Amount"]) + names("any", ["Deal Value", "Deal Amount", "Revenue", "Total"], weight: 0.85)
        case "convertedToDealId":
            return names("Salesforce", ["ConvertedOpportunityId"]) + names("Dynamics 365", ["qualifyingopportunityid"]) + names("any", ["Converted Deal ID", "Converted Opportunity", "Deal ID"], weight: 0.9)
        case "convertedToContactId":
            return names("Salesforce", ["ConvertedContactId"]) + names("Dynamics 365", ["parentcontactid"]) + names("any", ["Converted Contact ID", "Converted Contact", "Contact ID"], weight: 0.9)
        case "convertedToAccountId":
            return names("Salesforce", ["ConvertedAccountId"]) + names("Dynamics 365", ["parentaccountid"]) + names("any", ["Converted Account ID", "Converted Account", "Account ID"], weight: 0.9)
        case "isActive":
            return names("any", ["IsActive", "Active", "Is Active", "active_flag", "Enabled"])
        case "sortOrder":
            return names("Salesforce", ["SortOrder"]) + names("Pipedrive", ["order_nr"]) + names("any", ["Order", "Position", "Display Order", "Sort", "Sequence", "Rank", "Stage Order"], weight: 0.9)
        default:
            return []
        }
    }

    static func ownIdNames(_ entity: EntityType) -> [String] {
        switch entity {
        case .businessUser: ["UserId", "User ID", "systemuserid", "Owner ID", "user_id"]
        case .stage: ["StageId", "Stage ID", "stage_id"]
        case .account: ["AccountId", "Account ID", "accountid", "CompanyId", "Company ID", "org_id", "Organization ID"]
        case .contact: ["ContactId", "Contact ID", "contactid", "person_id", "Person ID"]
        case .deal: ["OpportunityId", "Opportunity ID", "opportunityid", "DealId", "Deal ID", "deal_id"]
        case .lead: ["LeadId", "Lead ID", "leadid", "lead_id"]
        }
    }

    /// Columns that are CRM bookkeeping, never proposed as custom fields.
    static let systemColumns: Set<String> = Set([
        "SystemModstamp", "CreatedById", "LastModifiedById", "IsDeleted", "LastViewedDate", "LastReferencedDate", "LastActivityDate", "PhotoUrl",
        "Jigsaw", "JigsawCompanyId", "JigsawContactId", "CleanStatus", "MasterRecordId", "ConnectionReceivedId", "ConnectionSentId", "IsEmailBounced",
        "EmailBouncedReason", "EmailBouncedDate", "LastCURequestDate", "LastCUUpdateDate", "SicDesc", "versionnumber", "importsequencenumber",
        "overriddencreatedon", "timezoneruleversionnumber", "utcconversiontimezonecode", "createdby", "modifiedby", "createdonbehalfby", "modifiedonbehalfby",
        "hs_object_id", "hs_createdate", "hs_lastmodifieddate", "ownerid", "owningbusinessunit", "owningteam", "owninguser", "Username",
    ].map(normalize))
}

enum CharacterSetAlnum {
    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value >= 0x61 && scalar.value <= 0x7A) || (scalar.value > 0x7F && scalar.properties.isAlphabetic)
    }
}
