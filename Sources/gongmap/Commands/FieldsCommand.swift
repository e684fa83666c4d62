import ArgumentParser
import GongCRM

struct FieldsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fields", abstract: "List Gong's standard fields of each entity type, with their types and requirements.")

    @Argument(help: "Entity types to list (default: all), e.g. DEAL.")
    var entities: [String] = []

    func run() throws {
        var types: [EntityType] = []
        for name in entities {
            guard let type = EntityType(loose: name) else { throw usageError("unknown entity '\(name)'; use one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))") }
            types.append(type)
        }
        for type in types.isEmpty ? EntityType.uploadOrder : types {
            print(type.rawValue + (type.acceptsCustomFields ? "" : " (no custom fields)"))
            var table = TextTable(["field", "type", "required", "meaning"])
            for field in EntityCatalog.fields(of: type) {
                let requirement: String = switch field.requirement {
                case .mandatory: "yes"
                case .mandatoryUnlessDeleted: "unless deleted"
                case .recommended: "recommended"
                case .optional: ""
                }
                table.add([field.name, field.kind.label, requirement, field.summary])
            }
            print(table.render() + "\n")
        }
    }
}
