// swift-did: decentralized identity for Swift. Apache-2.0.

public import Foundation

/// A date-time as written in a DID URL, a credential, a key file or a migration bundle: the text exactly as it
/// was, and the instant it names.
///
/// One type for the two lexical forms the specifications use, each checked strictly (field ranges, days per month,
/// leap years), with the restrictions of the place it appears in given as ``Rules``:
///
/// - [RFC 3339 §5.6](https://www.rfc-editor.org/rfc/rfc3339#section-5.6) `date-time`:
///   `YYYY-MM-DD"T"hh:mm:ss[.s+]("Z"|±hh:mm)`, a 4-digit year, `T`/`Z` in either case (§5.6 note), second 60 for
///   a leap second (§5.7), `-00:00` for "UTC, local offset unknown" (§4.3).
/// - [XML Schema 1.1 Part 2 §3.3.7](https://www.w3.org/TR/xmlschema11-2/#dateTime) `dateTime`: a year of 4 or more
///   digits with an optional `-`, upper-case `T`/`Z` only, `24:00:00` for the end of a day, offsets up to ±14:00,
///   the time zone optional (§3.4.28 `dateTimeStamp` requires it).
///
/// The text is kept as it was (``text``): a value read from signed bytes is never re-serialized. ``date`` is the
/// instant, with fractions of a second as far as `Date` holds them; a time without a zone is read as UTC. A leap
/// second `23:59:60` is the same instant as the `00:00:00` after it (`Date` has no leap seconds).
public struct DateTime: Sendable, Hashable, CustomStringConvertible {
    /// The text exactly as parsed, or the UTC form made by ``init(_:)``.
    public let text: String
    /// The instant.
    public let date: Date
    /// The time zone offset east of UTC in seconds (`Z` and `-00:00` are 0), or `nil` when the text has none.
    public let utcOffset: Int?

    /// The lexical form a place accepts: a grammar and that place's restrictions on it.
    public struct Rules: Sendable, Hashable {
        /// The base grammar.
        public enum Grammar: Sendable, Hashable {
            /// RFC 3339 §5.6 `date-time`.
            case rfc3339
            /// XML Schema 1.1 Part 2 §3.3.7 `dateTime`.
            case xmlSchema
        }

        /// What a place asks of the time zone.
        public enum TimeZoneRule: Sendable, Hashable {
            /// A zone is required: `Z` or a numeric offset.
            case required
            /// Only `Z` (upper-case) is accepted: the time is written in UTC.
            case utc
            /// The zone may be left out; the time is then read as UTC (XML Schema grammar only: RFC 3339 always
            /// has one).
            case optional
        }

        /// The base grammar.
        public var grammar: Grammar
        /// What is asked of the time zone.
        public var timeZone: TimeZoneRule
        /// The most digits allowed after the decimal point; 0 refuses fractional seconds.
        public var maximumFractionDigits: Int
        /// Whether `t` and `z` are accepted for `T` and `Z` (RFC 3339 §5.6 note; XML Schema never accepts them).
        public var allowsLowerCase: Bool
        /// Whether second `60` is accepted at 23:59 UTC (RFC 3339 §5.7; XML Schema never accepts it).
        public var allowsLeapSecond: Bool

        /// Creates rules.
        /// - Parameters:
        ///   - grammar: The base grammar.
        ///   - timeZone: What is asked of the time zone.
        ///   - maximumFractionDigits: The most fraction digits; 0 refuses fractional seconds.
        ///   - allowsLowerCase: Whether `t`/`z` are accepted (RFC 3339 grammar only).
        ///   - allowsLeapSecond: Whether second 60 is accepted (RFC 3339 grammar only).
        public init(
            grammar: Grammar,
            timeZone: TimeZoneRule,
            maximumFractionDigits: Int = .max,
            allowsLowerCase: Bool = false,
            allowsLeapSecond: Bool = false
        ) {
            self.grammar = grammar
            self.timeZone = timeZone
            self.maximumFractionDigits = maximumFractionDigits
            self.allowsLowerCase = allowsLowerCase && grammar == .rfc3339
            self.allowsLeapSecond = allowsLeapSecond && grammar == .rfc3339
        }

        /// RFC 3339 §5.6 `date-time` as written: any offset, `t`/`z`, leap seconds, any number of fraction digits.
        public static let rfc3339 = Rules(
            grammar: .rfc3339,
            timeZone: .required,
            allowsLowerCase: true,
            allowsLeapSecond: true
        )

        /// XML Schema 1.1 §3.4.28 `dateTimeStamp`: a `dateTime` with a required time zone. VC Data Model 2.0
        /// §4.9 `validFrom`/`validUntil` and Data Integrity 1.0 §2.1 `created`/`expires` are of this type.
        public static let dateTimeStamp = Rules(grammar: .xmlSchema, timeZone: .required)

        /// XML Schema 1.1 §3.3.7 `dateTime`, the zone optional and read as UTC when absent (Data Integrity 1.0
        /// §2.1 lets a verifier read a proof's `created`/`expires` without a zone that way).
        public static let xmlSchemaDateTime = Rules(grammar: .xmlSchema, timeZone: .optional)

        /// DID Core 1.0 §3.2.1 `versionTime`: an XML Schema `dateTime` "normalized to UTC 00:00:00 and without
        /// sub-second decimal precision", such as `2020-12-20T19:17:47Z`.
        public static let didVersionTime = Rules(grammar: .xmlSchema, timeZone: .utc, maximumFractionDigits: 0)
    }

    /// Parses a date-time.
    /// - Parameters:
    ///   - text: The text, such as `2023-02-24T23:36:38Z`.
    ///   - rules: The lexical form the place accepts.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDateTime`` naming the first broken rule, with the
    ///   UTF-8 offset where it is.
    public init(_ text: String, rules: Rules) throws(DIDError) {
        var parser = DateTimeParser(text: text, rules: rules)
        let fields = try parser.parse()
        self.text = text
        self.utcOffset = fields.utcOffset
        let days = GregorianCalendar.daysSinceEpoch(year: fields.year, month: fields.month, day: fields.day)
        let seconds = days * 86_400 + fields.hour * 3600 + fields.minute * 60 + fields.second - (fields.utcOffset ?? 0)
        self.date = Date(timeIntervalSince1970: Double(seconds) + fields.fraction)
    }

    /// The UTC form of an instant to the second, `YYYY-MM-DDThh:mm:ssZ`: valid under every ``Rules`` preset
    /// for years 0000–9999 (XML Schema writes other years with more digits or a `-`).
    /// - Parameter date: The instant; fractions of a second are dropped (rounded down).
    public init(_ date: Date) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let seconds = total - days * 86_400
        let (year, month, day) = GregorianCalendar.date(daysSinceEpoch: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var yearText = String(abs(year))
        while yearText.count < 4 { yearText = "0" + yearText }
        if year < 0 { yearText = "-" + yearText }
        self.text =
            "\(yearText)-\(two(month))-\(two(day))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))Z"
        self.date = Date(timeIntervalSince1970: Double(total))
        self.utcOffset = 0
    }

    /// The text.
    public var description: String { text }
}

/// The fields of a date-time and the checks of RFC 3339 §5.6–5.7 and XML Schema 1.1 §3.3.7, over UTF-8 bytes.
private struct DateTimeParser {
    struct Fields {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var utcOffset: Int?
    }

    let text: String
    let rules: DateTime.Rules
    let bytes: [UInt8]
    var index = 0

    init(text: String, rules: DateTime.Rules) {
        self.text = text
        self.rules = rules
        self.bytes = Array(text.utf8)
    }

    private func failure(_ reason: String, at offset: Int? = nil) -> DIDError {
        DIDError(.invalidDateTime, "'\(text)' is not a date-time here: \(reason)", offset: offset ?? index)
    }

    private var grammarName: String {
        rules.grammar == .rfc3339 ? "RFC 3339 §5.6" : "XML Schema 1.1 §3.3.7"
    }

    private mutating func number(_ count: Int, _ field: String) throws(DIDError) -> Int {
        var value = 0
        for offset in 0..<count {
            guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else {
                throw failure("the \(field) needs \(count) digits, found \(offset)")
            }
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        return value
    }

    private mutating func expect(_ separator: UInt8, after field: String) throws(DIDError) {
        guard index < bytes.count, bytes[index] == separator else {
            throw failure("expected '\(Character(Unicode.Scalar(separator)))' after the \(field)")
        }
        index += 1
    }

    /// `T` or `Z`, and `t` or `z` where the rules allow lower case.
    private mutating func letter(_ upper: UInt8) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        guard byte == upper || (rules.allowsLowerCase && byte == upper | 0x20) else { return false }
        index += 1
        return true
    }

    mutating func parse() throws(DIDError) -> Fields {
        var fields = Fields()
        fields.year = try year()
        try expect(UInt8(ascii: "-"), after: "year")
        let monthStart = index
        fields.month = try number(2, "month")
        guard (1...12).contains(fields.month) else {
            throw failure("month \(fields.month) is not 01–12", at: monthStart)
        }
        try expect(UInt8(ascii: "-"), after: "month")
        let dayStart = index
        fields.day = try number(2, "day")
        let days = GregorianCalendar.daysIn(month: fields.month, year: fields.year)
        guard (1...days).contains(fields.day) else {
            throw failure("day \(fields.day) is not 01–\(days) in that month", at: dayStart)
        }
        guard letter(UInt8(ascii: "T")) else {
            throw failure("expected 'T' between the date and the time (\(grammarName))")
        }
        let timeStart = index
        fields.hour = try number(2, "hour")
        try expect(UInt8(ascii: ":"), after: "hour")
        fields.minute = try number(2, "minute")
        try expect(UInt8(ascii: ":"), after: "minute")
        fields.second = try number(2, "second")
        var fractionIsZero = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            let dot = index
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fields.fraction += Double(bytes[index] - 0x30) * scale
                if bytes[index] != 0x30 { fractionIsZero = false }
                scale /= 10
                index += 1
            }
            let digits = index - dot - 1
            guard digits > 0 else { throw failure("a '.' must be followed by digits", at: dot) }
            guard digits <= rules.maximumFractionDigits else {
                throw failure(
                    rules.maximumFractionDigits == 0
                        ? "fractional seconds are not allowed here"
                        : "at most \(rules.maximumFractionDigits) fraction digits are allowed here",
                    at: dot
                )
            }
        }
        try zone(&fields)
        guard index == bytes.count else { throw failure("unexpected text after the date-time") }
        try checkTime(fields, fractionIsZero: fractionIsZero, at: timeStart)
        return fields
    }

    /// RFC 3339 `date-fullyear = 4DIGIT`; XML Schema `yearFrag ::= '-'? (([1-9] digit digit digit+)) | ('0' digit
    /// digit digit))`, here at most 9 digits.
    private mutating func year() throws(DIDError) -> Int {
        guard rules.grammar == .xmlSchema else { return try number(4, "year") }
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let start = index
        var count = 0
        while start + count < bytes.count, bytes[start + count] >= 0x30, bytes[start + count] <= 0x39 { count += 1 }
        guard count >= 4 else { return try number(4, "year") }
        guard count == 4 || bytes[start] != UInt8(ascii: "0") else {
            throw failure("a year of more than 4 digits cannot start with 0", at: start)
        }
        guard count <= 9 else { throw failure("years of more than 9 digits are not supported", at: start) }
        let value = try number(count, "year")
        return negative ? -value : value
    }

    private mutating func zone(_ fields: inout Fields) throws(DIDError) {
        let start = index
        if index == bytes.count {
            guard rules.timeZone == .optional, rules.grammar == .xmlSchema else {
                throw failure(rules.timeZone == .utc ? "the time must end in 'Z' (UTC)" : "a time zone is required")
            }
            return
        }
        if letter(UInt8(ascii: "Z")) {
            fields.utcOffset = 0
            return
        }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else {
            throw failure("expected a time zone ('Z' or ±hh:mm)")
        }
        guard rules.timeZone != .utc else { throw failure("the time must be in UTC, written 'Z'") }
        let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
        index += 1
        let hours = try number(2, "offset hour")
        try expect(UInt8(ascii: ":"), after: "offset hour")
        let minutes = try number(2, "offset minute")
        let inRange =
            switch rules.grammar {
            case .rfc3339: hours <= 23 && minutes <= 59
            case .xmlSchema: minutes <= 59 && hours * 60 + minutes <= 14 * 60
            }
        guard inRange else {
            throw failure(
                rules.grammar == .rfc3339 ? "the offset must be 00:00–23:59" : "the offset must be at most 14:00",
                at: start
            )
        }
        fields.utcOffset = sign * (hours * 3600 + minutes * 60)
    }

    /// Hours, minutes and seconds: `00:00:00`–`23:59:59`, plus XML Schema's `24:00:00` (end of day, §3.3.7) and
    /// RFC 3339's leap second `60` when the time is 23:59 in UTC (§5.7).
    private func checkTime(_ fields: Fields, fractionIsZero: Bool, at start: Int) throws(DIDError) {
        if fields.hour == 24, rules.grammar == .xmlSchema, fields.minute == 0, fields.second == 0, fractionIsZero {
            return
        }
        guard fields.hour <= 23 else { throw failure("hour \(fields.hour) is not 00–23", at: start) }
        guard fields.minute <= 59 else { throw failure("minute \(fields.minute) is not 00–59", at: start + 3) }
        if fields.second == 60, rules.allowsLeapSecond {
            let utcMinute = ((fields.hour * 60 + fields.minute - (fields.utcOffset ?? 0) / 60) % 1440 + 1440) % 1440
            guard utcMinute == 23 * 60 + 59 else {
                throw failure("a leap second (60) falls only at 23:59 UTC (RFC 3339 §5.7)", at: start + 6)
            }
            return
        }
        guard fields.second <= 59 else {
            throw failure(
                fields.second == 60 ? "leap seconds (60) are not allowed here" : "second \(fields.second) is not 00–59",
                at: start + 6
            )
        }
    }
}
