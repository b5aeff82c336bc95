// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation
import Testing

@Suite("Date-times (RFC 3339 §5.6, XML Schema 1.1 §3.3.7)")
struct DateTimeTests {
    /// A text that parses under a rule set, and the instant (seconds since 1970) it names.
    struct Valid: CustomTestStringConvertible, Sendable {
        let text: String
        let rules: DateTime.Rules
        let seconds: Double
        let utcOffset: Int?
        var testDescription: String { text }

        init(_ text: String, _ rules: DateTime.Rules, _ seconds: Double, offset: Int? = 0) {
            self.text = text
            self.rules = rules
            self.seconds = seconds
            self.utcOffset = offset
        }
    }

    /// A text that a rule set refuses, and a fragment of the reason.
    struct Invalid: CustomTestStringConvertible, Sendable {
        let text: String
        let rules: DateTime.Rules
        let reason: String
        var testDescription: String { text }

        init(_ text: String, _ rules: DateTime.Rules, _ reason: String) {
            self.text = text
            self.rules = rules
            self.reason = reason
        }
    }

    @Test(
        "RFC 3339 §5.6, §5.8: date-time examples, lower-case t/z, -00:00, leap second, long fractions, year 0000",
        arguments: [
            Valid("1985-04-12T23:20:50.52Z", .rfc3339, 482_196_050.52),
            Valid("1996-12-19T16:39:57-08:00", .rfc3339, 851_042_397, offset: -8 * 3600),
            Valid("1990-12-31T23:59:60Z", .rfc3339, 662_688_000),
            Valid("1990-12-31T15:59:60-08:00", .rfc3339, 662_688_000, offset: -8 * 3600),
            Valid("1937-01-01T12:00:27.87+00:20", .rfc3339, -1_041_337_173 + 0.87, offset: 20 * 60),
            Valid("2023-02-24t23:36:38z", .rfc3339, 1_677_281_798),
            Valid("2023-02-24T23:36:38-00:00", .rfc3339, 1_677_281_798),
            Valid("2023-02-24T23:36:38.123456789012345678Z", .rfc3339, 1_677_281_798.123_456_789),
            Valid("2024-02-29T00:00:00Z", .rfc3339, 1_709_164_800),
            Valid("0000-01-01T00:00:00Z", .rfc3339, -62_167_219_200),
        ]
    )
    func rfc3339Valid(_ vector: Valid) throws {
        try check(vector)
    }

    @Test(
        "RFC 3339 §5.6, §5.7: missing zone, month 13, day 31 of a 30-day month, Feb 29 of common years, hour 24",
        arguments: [
            Invalid("2023-02-24T23:36:38", .rfc3339, "a time zone is required"),
            Invalid("2023-13-01T00:00:00Z", .rfc3339, "month 13 is not 01–12"),
            Invalid("2023-00-01T00:00:00Z", .rfc3339, "month 0 is not 01–12"),
            Invalid("2023-04-31T00:00:00Z", .rfc3339, "day 31 is not 01–30"),
            Invalid("2023-02-29T00:00:00Z", .rfc3339, "day 29 is not 01–28"),
            Invalid("1900-02-29T00:00:00Z", .rfc3339, "day 29 is not 01–28"),
            Invalid("2023-02-24T24:00:00Z", .rfc3339, "hour 24 is not 00–23"),
            Invalid("2023-02-24T12:60:00Z", .rfc3339, "minute 60 is not 00–59"),
            Invalid("2023-02-24T12:00:60Z", .rfc3339, "only at 23:59 UTC"),
            Invalid("1990-12-31T23:59:60+01:00", .rfc3339, "only at 23:59 UTC"),
            Invalid("2023-02-24T12:00:61Z", .rfc3339, "second 61 is not 00–59"),
            Invalid("2023-02-24T23:36:38.Z", .rfc3339, "followed by digits"),
            Invalid("2023-02-24 23:36:38Z", .rfc3339, "expected 'T'"),
            Invalid("12023-02-24T23:36:38Z", .rfc3339, "expected '-' after the year"),
            Invalid("2023-2-24T23:36:38Z", .rfc3339, "month needs 2 digits"),
            Invalid("2023-02-24T23:36:38+24:00", .rfc3339, "00:00–23:59"),
            Invalid("2023-02-24T23:36:38+0100", .rfc3339, "expected ':' after the offset hour"),
            Invalid("2023-02-24T23:36:38ZZ", .rfc3339, "unexpected text"),
            Invalid("", .rfc3339, "year needs 4 digits"),
        ]
    )
    func rfc3339Invalid(_ vector: Invalid) {
        check(vector)
    }

    @Test(
        "XML Schema 1.1 §3.3.7, §3.4.28: dateTimeStamp years, 24:00:00, offsets to ±14:00",
        arguments: [
            Valid("2023-02-24T23:36:38Z", .dateTimeStamp, 1_677_281_798),
            Valid("2024-01-01T00:00:00.5+02:00", .dateTimeStamp, 1_704_060_000.5, offset: 2 * 3600),
            Valid("2023-02-24T24:00:00Z", .dateTimeStamp, 1_677_283_200),
            Valid("2023-02-24T24:00:00.000Z", .dateTimeStamp, 1_677_283_200),
            Valid("2023-02-24T23:36:38+14:00", .dateTimeStamp, 1_677_231_398, offset: 14 * 3600),
            Valid("2023-02-24T23:36:38-00:00", .dateTimeStamp, 1_677_281_798),
            Valid("0000-01-01T00:00:00Z", .dateTimeStamp, -62_167_219_200),
            Valid("2023-02-24T23:36:38", .xmlSchemaDateTime, 1_677_281_798, offset: nil),
            Valid("2020-12-20T19:17:47Z", .didVersionTime, 1_608_491_867),
        ]
    )
    func xmlSchemaValid(_ vector: Valid) throws {
        try check(vector)
    }

    @Test(
        "XML Schema 1.1 §3.3.7 and DID Core 1.0 §3.2.1: what dateTime, dateTimeStamp and versionTime refuse",
        arguments: [
            Invalid("2023-02-24t23:36:38Z", .dateTimeStamp, "expected 'T'"),
            Invalid("2023-02-24T23:36:38z", .dateTimeStamp, "expected a time zone"),
            Invalid("1990-12-31T23:59:60Z", .dateTimeStamp, "leap seconds (60) are not allowed here"),
            Invalid("2023-02-24T23:36:38", .dateTimeStamp, "a time zone is required"),
            Invalid("2023-02-24T23:36:38+14:01", .dateTimeStamp, "at most 14:00"),
            Invalid("02023-02-24T23:36:38Z", .dateTimeStamp, "cannot start with 0"),
            Invalid("2023-13-01T00:00:00Z", .dateTimeStamp, "month 13"),
            Invalid("2023-06-31T00:00:00Z", .dateTimeStamp, "day 31 is not 01–30"),
            Invalid("2023-02-29T00:00:00Z", .xmlSchemaDateTime, "day 29 is not 01–28"),
            Invalid("2023-02-24T24:00:01Z", .dateTimeStamp, "hour 24 is not 00–23"),
            Invalid("2023-02-24T24:00:00.1Z", .dateTimeStamp, "hour 24 is not 00–23"),
            Invalid("2023-02-24", .dateTimeStamp, "expected 'T'"),
            Invalid("23-02-24T23:36:38Z", .dateTimeStamp, "year needs 4 digits"),
            Invalid("2023-02-24T23:36:38+15:00", .dateTimeStamp, "at most 14:00"),
            Invalid("2023-02-24T23:36:38Zjunk", .dateTimeStamp, "unexpected text"),
            Invalid("2020-12-20T19:17:47.5Z", .didVersionTime, "fractional seconds are not allowed"),
            Invalid("2020-12-20T20:17:47+01:00", .didVersionTime, "written 'Z'"),
            Invalid("2020-12-20T19:17:47", .didVersionTime, "must end in 'Z'"),
        ]
    )
    func xmlSchemaInvalid(_ vector: Invalid) {
        check(vector)
    }

    @Test(
        "RFC 3339 §5.6: a profile can limit fraction digits, refuse leap seconds and lower case",
        arguments: [
            ("2026-11-27T12:00:00.123456789Z", true), ("2026-11-27T12:00:00.1234567890Z", false),
            ("2026-11-27t12:00:00Z", false), ("2026-12-31T23:59:60Z", false), ("2026-11-27T12:00:00+00:00", false),
        ]
    )
    func restrictedProfile(text: String, valid: Bool) {
        let rules = DateTime.Rules(grammar: .rfc3339, timeZone: .utc, maximumFractionDigits: 9)
        #expect(((try? DateTime(text, rules: rules)) != nil) == valid)
    }

    @Test(
        "The UTC form is YYYY-MM-DDThh:mm:ssZ, fractions dropped, and reads back as the same instant",
        arguments: [
            (1_677_281_798.9, "2023-02-24T23:36:38Z"), (-1, "1969-12-31T23:59:59Z"), (0, "1970-01-01T00:00:00Z"),
            (-62_167_219_200, "0000-01-01T00:00:00Z"), (1_709_164_800, "2024-02-29T00:00:00Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"),
        ]
    )
    func utcForm(seconds: Double, text: String) throws {
        let formatted = DateTime(Date(timeIntervalSince1970: seconds))
        #expect(formatted.text == text)
        #expect(formatted.utcOffset == 0)
        for rules in [DateTime.Rules.rfc3339, .dateTimeStamp, .didVersionTime] {
            #expect(try DateTime(text, rules: rules).date == formatted.date)
        }
    }

    @Test("XML Schema 1.1 §3.3.7: years beyond 4 digits and before year 0 read and write back")
    func extendedYears() throws {
        for text in ["-0044-03-15T12:00:00Z", "12023-01-01T00:00:00Z"] {
            let parsed = try DateTime(text, rules: .dateTimeStamp)
            #expect(DateTime(parsed.date).text == text)
        }
    }

    @Test("The original text is kept, whatever its offset, case or fraction")
    func keepsText() throws {
        let text = "1996-12-19t16:39:57.000-08:00"
        let parsed = try DateTime(text, rules: .rfc3339)
        #expect(parsed.text == text)
        #expect(parsed.description == text)
        #expect(DateTime(parsed.date).text == "1996-12-20T00:39:57Z")
    }

    private func check(_ vector: Valid) throws {
        let parsed = try DateTime(vector.text, rules: vector.rules)
        #expect(abs(parsed.date.timeIntervalSince1970 - vector.seconds) < 1e-6)
        #expect(parsed.utcOffset == vector.utcOffset)
        #expect(parsed.text == vector.text)
    }

    private func check(_ vector: Invalid) {
        let error = #expect(throws: DIDError.self) { try DateTime(vector.text, rules: vector.rules) }
        #expect(error?.code == .invalidDateTime)
        #expect(error?.reason.contains(vector.reason) == true, "reason was: \(error?.reason ?? "-")")
    }
}
