// swift-did: decentralized identity for Swift. Apache-2.0.

public import Foundation

/// XML Schema 1.1 `dateTime` / `dateTimeStamp` values, as VC Data Model 2.0 (`validFrom`, `validUntil`) and Data
/// Integrity 1.0 (`created`, `expires`) use them: `YYYY-MM-DDThh:mm:ss[.s+](Z|±hh:mm)`.
///
/// Parsed by hand (no `DateFormatter`): fast, locale-free, and strict about field ranges. Spec: XML Schema 1.1 Part 2
/// §3.3.7 (dateTime) and §3.4.28 (dateTimeStamp: the time zone is required).
public enum DateTimeStamp {
    /// Parses a dateTime.
    /// - Parameters:
    ///   - text: The text, such as `2023-02-24T23:36:38Z` or `2024-01-01T00:00:00.5+02:00`.
    ///   - requiringTimeZone: `true` (dateTimeStamp) refuses text without `Z` or an offset; `false` reads such
    ///     text as UTC (Data Integrity 1.0 §2.1 lets processors do so for `created`/`expires`).
    /// - Returns: The instant, or `nil` when the text is not a valid dateTime.
    public static func date(from text: String, requiringTimeZone: Bool = true) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for _ in 0..<count {
                let byte = bytes[index]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
                index += 1
            }
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var yearDigits = 0
        while index + yearDigits < bytes.count, bytes[index + yearDigits] >= 0x30, bytes[index + yearDigits] <= 0x39 {
            yearDigits += 1
        }
        guard yearDigits >= 4, yearDigits <= 9 else { return nil }
        if yearDigits > 4 && bytes[index] == UInt8(ascii: "0") { return nil }
        guard var year = digits(yearDigits) else { return nil }
        if negative { year = -year }
        guard expect("-"), let month = digits(2), expect("-"), let day = digits(2), expect("T"),
            let hour = digits(2), expect(":"), let minute = digits(2), expect(":"), let second = digits(2)
        else { return nil }
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offsetSeconds = 0
        if index == bytes.count {
            guard !requiringTimeZone else { return nil }
        } else if bytes[index] == UInt8(ascii: "Z") {
            index += 1
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let offsetHour = digits(2), expect(":"), let offsetMinute = digits(2), offsetMinute < 60,
                offsetHour * 60 + offsetMinute <= 14 * 60
            else { return nil }
            offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        } else {
            return nil
        }
        guard index == bytes.count, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            minute < 60, second < 60
        else { return nil }
        // 24:00:00 is the first instant of the next day (XML Schema 1.1 §3.3.7); any other hour must be below 24.
        guard hour < 24 || (hour == 24 && minute == 0 && second == 0 && fraction == 0) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// Formats an instant as a UTC dateTimeStamp with whole seconds: `2023-02-24T23:36:38Z`.
    /// - Parameter date: The instant (fractions of a second are dropped).
    /// - Returns: The text.
    public static func string(from date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var seconds = total % 86_400
        if seconds < 0 {
            seconds += 86_400
            days -= 1
        }
        let (year, month, day) = civilFromDays(days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var yearText = String(abs(year))
        while yearText.count < 4 { yearText = "0" + yearText }
        if year < 0 { yearText = "-" + yearText }
        return
            "\(yearText)-\(two(month))-\(two(day))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))Z"
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
    private static func civilFromDays(_ count: Int) -> (year: Int, month: Int, day: Int) {
        let z = count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
