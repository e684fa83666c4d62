/// Request and response bodies of Gong's CRM API (gong-crm-api.md §7), shared by the client and
/// the emulator. Optional where the spec says so; unknown JSON fields are ignored (§1.1).
public enum GongAPI {
    public static let basePath = "/v2/crm"

    public struct ErrorResponse: Codable, Sendable, Equatable {
        public var requestId: String?
        public var errors: [String]?
        public init(requestId: String?, errors: [String]?) {
            self.requestId = requestId
            self.errors = errors
        }
    }

    public struct BaseResponse: Codable, Sendable, Equatable {
        public var requestId: String?
        public init(requestId: String?) { self.requestId = requestId }
    }

    public struct AsyncProcessingResponse: Codable, Sendable, Equatable {
        public var requestId: String?
        public var clientRequestId: String?
        public init(requestId: String?, clientRequestId: String?) {
            self.requestId = requestId
            self.clientRequestId = clientRequestId
        }
    }

    public struct RegistrationRequest: Codable, Sendable, Equatable {
        public var name: String
        public var ownerEmail: String
        public init(name: String, ownerEmail: String) {
            self.name = name
            self.ownerEmail = ownerEmail
        }
    }

    public struct RegistrationResponse: Codable, Sendable, Equatable {
        public var requestId: String?
        /// A 64-bit id: decoded as Int64, never through a Double (§1.7).
        public var integrationId: Int64?
        public init(requestId: String?, integrationId: Int64?) {
            self.requestId = requestId
            self.integrationId = integrationId
        }
    }

    public struct Integration: Codable, Sendable, Equatable {
        public var integrationId: Int64?
        public var ownerEmail: String?
        public var name: String?
        public init(integrationId: Int64?, ownerEmail: String?, name: String?) {
            self.integrationId = integrationId
            self.ownerEmail = ownerEmail
            self.name = name
        }
    }

    public struct IntegrationsResponse: Codable, Sendable, Equatable {
        public var requestId: String?
        public var integrations: [Integration]?
        public init(requestId: String?, integrations: [Integration]?) {
            self.requestId = requestId
            self.integrations = integrations
        }
    }

    /// A schema field as sent and as listed. Listing may name the key `name` instead of
    /// `uniqueName` (§6 #7): both decode.
    public struct SchemaField: Codable, Sendable, Equatable {
        public var uniqueName: String
        public var label: String
        public var type: String
        public var lastModified: String?
        public var isDeleted: Bool?
        public var referenceTo: String?
        public var orderedValueList: [String]?

        public init(uniqueName: String, label: String, type: String, lastModified: String? = nil, isDeleted: Bool? = nil,
                    referenceTo: String? = nil, orderedValueList: [String]? = nil) {
            self.uniqueName = uniqueName
            self.label = label
            self.type = type
            self.lastModified = lastModified
            self.isDeleted = isDeleted
            self.referenceTo = referenceTo
            self.orderedValueList = orderedValueList
        }

        enum CodingKeys: String, CodingKey { case uniqueName, name, label, type, lastModified, isDeleted, referenceTo, orderedValueList }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let unique = try container.decodeIfPresent(String.self, forKey: .uniqueName) {
                uniqueName = unique
            } else {
                uniqueName = try container.decode(String.self, forKey: .name)
            }
            label = try container.decode(String.self, forKey: .label)
            type = try container.decode(String.self, forKey: .type)
            lastModified = try container.decodeIfPresent(String.self, forKey: .lastModified)
            isDeleted = try container.decodeIfPresent(Bool.self, forKey: .isDeleted)
            referenceTo = try container.decodeIfPresent(String.self, forKey: .referenceTo)
            orderedValueList = try container.decodeIfPresent([String].self, forKey: .orderedValueList)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(uniqueName, forKey: .uniqueName)
            try container.encode(label, forKey: .label)
            try container.encode(type, forKey: .type)
            try container.encodeIfPresent(lastModified, forKey: .lastModified)
            try container.encodeIfPresent(isDeleted, forKey: .isDeleted)
            try container.encodeIfPresent(referenceTo, forKey: .referenceTo)
            try container.encodeIfPresent(orderedValueList, forKey: .orderedValueList)
        }
    }

    public struct SchemaListResponse: Codable, Sendable, Equatable {
        public var requestId: String?
        public var objectTypeToSelectedFields: [String: [SchemaField]]?
        public init(requestId: String?, objectTypeToSelectedFields: [String: [SchemaField]]?) {
            self.requestId = requestId
            self.objectTypeToSelectedFields = objectTypeToSelectedFields
        }
    }

    public struct LineError: Codable, Sendable, Equatable {
        /// 1-based line of the uploaded file; 0 for an error about the whole file.
        public var line: Int32?
        public var description: String?
        public init(line: Int32?, description: String?) {
            self.line = line
            self.description = description
        }
    }

    /// Decoded leniently: a status Gong adds later becomes `.unknown` (§7).
    public enum RequestState: Sendable, Equatable, Codable {
        case pending, inProgress, done, failed
        case unknown(String)

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            switch text {
            case "PENDING": self = .pending
            case "IN_PROGRESS": self = .inProgress
            case "DONE": self = .done
            case "FAILED": self = .failed
            default: self = .unknown(text)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        public var rawValue: String {
            switch self {
            case .pending: "PENDING"
            case .inProgress: "IN_PROGRESS"
            case .done: "DONE"
            case .failed: "FAILED"
            case .unknown(let text): text
            }
        }

        public var isFinal: Bool { self == .done || self == .failed }
    }

    public struct RequestStatusResponse: Codable, Sendable, Equatable {
        public var requestId: String?
        public var status: RequestState?
        public var errors: [LineError]?
        public var totalErrorCount: Int32?
        public var totalSuccessCount: Int32?

        public init(requestId: String?, status: RequestState?, errors: [LineError]?, totalErrorCount: Int32?, totalSuccessCount: Int32?) {
            self.requestId = requestId
            self.status = status
            self.errors = errors
            self.totalErrorCount = totalErrorCount
            self.totalSuccessCount = totalSuccessCount
        }
    }

    /// `GET /v2/crm/entities` (§2.8): each asked id → its fields, or null when Gong has no such object.
    public struct EntitiesResponse: Codable, Sendable {
        public var requestId: String?
        public var crmObjectsMap: [String: [String: JSONValue]?]?
    }

    /// `clientRequestId`: letters, digits, `-` and `_` (§5 rule 4); gongmap keeps it to 64 characters (§6 #11).
    public static func isValidClientRequestId(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy { GongFormat.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }
}
