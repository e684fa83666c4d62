/// The six CRM object types Gong accepts through `POST /v2/crm/entities`.
///
/// GongCRM owns Gong's side of the contract: entity types, their standard fields, custom schema
/// fields and the exact LDJSON form of a record. It is pure: no I/O, no knowledge of exports.
public enum EntityType: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case businessUser = "BUSINESS_USER"
    case stage = "STAGE"
    case account = "ACCOUNT"
    case contact = "CONTACT"
    case deal = "DEAL"
    case lead = "LEAD"

    /// Upload order that satisfies every reference (gong-crm-api.md §4.2):
    /// users and stages before the deals that name them, accounts before contacts and deals,
    /// leads last because they point at accounts, contacts and deals.
    public static let uploadOrder: [EntityType] = [.businessUser, .stage, .account, .contact, .deal, .lead]

    public static func < (lhs: EntityType, rhs: EntityType) -> Bool {
        lhs.orderIndex < rhs.orderIndex
    }

    public var orderIndex: Int {
        switch self {
        case .businessUser: 0
        case .stage: 1
        case .account: 2
        case .contact: 3
        case .deal: 4
        case .lead: 5
        }
    }

    /// Only these types take custom fields through `POST /v2/crm/entity-schema`.
    public var acceptsCustomFields: Bool {
        switch self {
        case .account, .contact, .deal, .lead: true
        case .businessUser, .stage: false
        }
    }

    /// The name a schema `REFERENCE` field uses for this type (`USER`, not `BUSINESS_USER`).
    public var referenceName: String { self == .businessUser ? "USER" : rawValue }

    /// Types whose change history Gong takes (gong-crm-api.md §4.4).
    public var acceptsHistory: Bool { acceptsCustomFields }

    /// A readable plural for summaries: "business users", "deals".
    public var displayName: String {
        switch self {
        case .businessUser: "business users"
        case .stage: "stages"
        case .account: "accounts"
        case .contact: "contacts"
        case .deal: "deals"
        case .lead: "leads"
        }
    }

    /// One record of the type: "business user", "deal".
    public var singularName: String {
        switch self {
        case .businessUser: "business user"
        case .stage: "stage"
        case .account: "account"
        case .contact: "contact"
        case .deal: "deal"
        case .lead: "lead"
        }
    }

    /// Parses `ACCOUNT`, `account`, `accounts`, `business_user`, `USER`.
    public init?(loose text: String) {
        var key = String(text.uppercased().map { $0 == "-" ? "_" : $0 })
        if key == "USER" || key == "USERS" || key == "BUSINESS_USERS" { key = "BUSINESS_USER" }
        if key.hasSuffix("S"), EntityType(rawValue: String(key.dropLast())) != nil { key.removeLast() }
        self.init(rawValue: key)
    }
}
