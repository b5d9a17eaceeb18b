//! Dates as Grafana's API writes them: unix seconds as RFC 3339 in UTC
//! (`2022-03-21T14:35:33Z`, the `created`/`expiration` of tokens and accounts), and the
//! proleptic Gregorian calendar under them (Howard Hinnant's `days_from_civil` and
//! `civil_from_days`), shared by devserver and the kit's token-expiry form.
//!
//! ```
//! use grafana_model::time::{civil_from_days, days_from_civil, rfc3339};
//! assert_eq!(rfc3339(1_647_873_333), "2022-03-21T14:35:33Z");
//! assert_eq!(days_from_civil(2024, 2, 29), 19_782);
//! assert_eq!(civil_from_days(19_782), (2024, 2, 29));
//! ```

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Days since 1970-01-01 of the date `y`-`m`-`d` (`m` 1 to 12, `d` 1 to 31; not checked).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month, day)` that is `days` after 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// How many days `month` (1 to 12) of `year` has; `None` for a month outside 1 to 12.
pub fn days_in_month(year: i64, month: i64) -> Option<i64> {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// RFC 3339 (UTC, whole seconds) of unix seconds.
pub fn rfc3339(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(DAY));
    let rem = secs.rem_euclid(DAY);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_dates() {
        for (date, days) in [
            ((1970, 1, 1), 0),
            ((1969, 12, 31), -1),
            ((2000, 2, 29), 11_016),
            ((2000, 3, 1), 11_017),
            ((2024, 2, 29), 19_782),
            ((2026, 11, 23), 20_780),
            ((1900, 3, 1), -25_508),
            ((0, 3, 1), -719_468),
            ((9999, 12, 31), 2_932_896),
        ] {
            assert_eq!(days_from_civil(date.0, date.1, date.2), days, "{date:?}");
            assert_eq!(civil_from_days(days), date, "{days}");
        }
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(2024, 2), Some(29));
        assert_eq!(days_in_month(2026, 2), Some(28));
        assert_eq!(days_in_month(2000, 2), Some(29));
        assert_eq!(days_in_month(1900, 2), Some(28));
        assert_eq!(days_in_month(2026, 11), Some(30));
        assert_eq!(days_in_month(2026, 13), None);
        assert_eq!(days_in_month(2026, 0), None);
    }

    #[test]
    fn rfc3339_of_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(1_647_873_333), "2022-03-21T14:35:33Z");
        assert_eq!(rfc3339(253_402_300_799), "9999-12-31T23:59:59Z");
    }

    proptest! {
        #[test]
        fn days_and_dates_round_trip(days in -1_000_000_000i64..1_000_000_000) {
            let (y, m, d) = civil_from_days(days);
            prop_assert!((1..=12).contains(&m));
            prop_assert!((1..=days_in_month(y, m).unwrap_or(0)).contains(&d));
            prop_assert_eq!(days_from_civil(y, m, d), days);
        }

        #[test]
        fn the_next_day_is_the_next_date(days in -1_000_000_000i64..1_000_000_000) {
            let (y, m, d) = civil_from_days(days);
            let next = if Some(d) < days_in_month(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
            prop_assert_eq!(civil_from_days(days + 1), next);
        }

        /// Years 1 to 9999: every field where RFC 3339 puts it, and the instant reads back.
        #[test]
        fn rfc3339_reads_back(secs in -62_135_596_800i64..253_402_300_800) {
            let text = rfc3339(secs);
            prop_assert_eq!(text.len(), 20);
            let field = |from: usize, to: usize| text[from..to].parse::<i64>().unwrap_or(-1);
            let day = days_from_civil(field(0, 4), field(5, 7), field(8, 10));
            let time = field(11, 13) * 3600 + field(14, 16) * 60 + field(17, 19);
            prop_assert_eq!(day * DAY + time, secs);
        }
    }
}
