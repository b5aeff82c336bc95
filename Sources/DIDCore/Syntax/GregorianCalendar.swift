// swift-did: decentralized identity for Swift. Apache-2.0.

/// Day arithmetic in the proleptic Gregorian calendar, which RFC 3339 (§1) and XML Schema 1.1 Part 2 (§D.2) both
/// use, for the date-time parsers of this package (``DateTime`` and the HTTP-date reader of the resolver cache).
package enum GregorianCalendar {
    /// Whether `year` has a February 29 (year 0 does, as 1 BCE).
    /// - Parameter year: The year, astronomical numbering.
    /// - Returns: `true` for leap years.
    package static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month.
    /// - Parameters:
    ///   - month: 1…12.
    ///   - year: The year, for February.
    /// - Returns: 28…31.
    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a date (H. Hinnant's `days_from_civil`).
    /// - Parameters:
    ///   - year: The year, astronomical numbering.
    ///   - month: 1…12.
    ///   - day: 1…31.
    /// - Returns: The day count, negative before 1970.
    package static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
    /// - Parameter count: Days since 1970-01-01.
    /// - Returns: The year (astronomical numbering), month (1…12) and day (1…31).
    package static func date(daysSinceEpoch count: Int) -> (year: Int, month: Int, day: Int) {
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
