import Foundation
import Testing
import TestSupport
@testable import YAMLTree

@Suite("Scalar typing follows the YAML 1.2 core schema")
struct ScalarValueTests {
    func value(_ yaml: String) throws -> ScalarValue {
        let docs = try readYAML("v: \(yaml)\n")
        return try #require(docs[0].root["v"]?.scalar).value
    }

    @Test("only true and false are booleans; NO, yes and on stay strings")
    func booleans() throws {
        #expect(try value("true") == .bool(true))
        #expect(try value("False") == .bool(false))
        #expect(try value("NO") == .string("NO"))
        #expect(try value("yes") == .string("yes"))
        #expect(try value("on") == .string("on"))
        let docs = try readYAML("markets: [NO, SE]\n")
        #expect(docs[0].root["markets"]?.sequence?.map { $0.scalar?.value } == [.string("NO"), .string("SE")])
    }

    @Test("quoted scalars are strings whatever they look like")
    func quoted() throws {
        #expect(try value("\"true\"") == .string("true"))
        #expect(try value("'42'") == .string("42"))
        #expect(try value("\"null\"") == .string("null"))
    }

    @Test("numbers: integers, exponents, hex, octal; exact for 1e25")
    func numbers() throws {
        #expect(try value("42") == .number(42))
        #expect(try value("-7") == .number(-7))
        #expect(try value("1e25") == .number(Decimal(string: "10000000000000000000000000")!))
        #expect(try value("2.5E-3") == .number(Decimal(string: "0.0025")!))
        #expect(try value("0x1F") == .number(31))
        #expect(try value("0o17") == .number(15))
        #expect(try value(".5") == .number(Decimal(string: "0.5")!))
        #expect(try value("1e") == .string("1e"))
        #expect(try value("1.2.3") == .string("1.2.3"))
        #expect(try value("2024-08-01") == .string("2024-08-01"))
    }

    @Test("numbers no exact decimal holds are kept as such, never rounded or clamped")
    func unrepresentable() throws {
        #expect(try value(".inf") == .unrepresentableNumber(".inf", .notFinite))
        #expect(try value("-.inf") == .unrepresentableNumber("-.inf", .notFinite))
        #expect(try value(".nan") == .unrepresentableNumber(".nan", .notFinite))
        #expect(try value("1e999") == .unrepresentableNumber("1e999", .outOfRange))
        #expect(try value("1e-200") == .unrepresentableNumber("1e-200", .outOfRange))
        let digits400 = String(repeating: "7", count: 400)
        #expect(try value(digits400) == .unrepresentableNumber(digits400, .tooPrecise))
        // 39 significant digits would be rounded by Decimal; 38 are exact, and zeros do not count.
        #expect(try value("1" + String(repeating: "2", count: 38)) == .unrepresentableNumber("1" + String(repeating: "2", count: 38), .tooPrecise))
        #expect(try value(String(repeating: "3", count: 38)) == .number(Decimal(string: String(repeating: "3", count: 38))!))
        #expect(try value("1" + String(repeating: "0", count: 60)) == .number(Decimal(string: "1e60")!))
        #expect(try value("0x1FFFFFFFFFFFFFFFFF") == .unrepresentableNumber("0x1FFFFFFFFFFFFFFFFF", .outOfRange))
        #expect(try value("0xZZ") == .string("0xZZ"))
        #expect(try value("\".inf\"") == .string(".inf"))
    }

    @Test("null forms")
    func nulls() throws {
        #expect(try value("~") == .null)
        #expect(try value("null") == .null)
        #expect(try value("") == .null)
    }

    @Test("an explicit tag wins over the schema")
    func tags() throws {
        #expect(try value("!!str 12") == .string("12"))
    }
}
