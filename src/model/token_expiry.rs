//! Token expiration (from the date a user picks to Grafana's `secondsToLive`), the
//! suggested token name's UUID, and how the tokens table reads an expiry and a timestamp.

use grafana_model::dtos::TokenDto;
use grafana_model::time::{civil_from_days, days_from_civil, days_in_month};

/// Parses `YYYY-MM-DD` (what `<input type="date">` gives) into days since the epoch.
pub fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    (1..=days_in_month(y, m)?)
        .contains(&d)
        .then(|| days_from_civil(y, m, d))
}

/// `YYYY-MM-DD` of the day `days` after the epoch (for `<input type="date" min max>`).
pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Seconds from `now_ms` (Unix milliseconds) to the end of the picked day (UTC), as
/// Grafana's token form sends them. The day must be after today and, when the server
/// limits token lifetime, no later than `limit_days` from today.
pub fn seconds_to_live(now_ms: f64, date: &str, limit_days: Option<i64>) -> Result<i64, String> {
    let day = parse_date(date).ok_or_else(|| "Enter a date as YYYY-MM-DD".to_owned())?;
    let now_s = (now_ms / 1000.0).floor() as i64;
    let today = now_s.div_euclid(86_400);
    if day <= today {
        return Err("The expiration date must be in the future".to_owned());
    }
    if let Some(limit) = limit_days.filter(|l| *l > 0)
        && day > today + limit
    {
        return Err(format!(
            "The expiration date can be at most {limit} days from today"
        ));
    }
    Ok((day + 1) * 86_400 - now_s)
}

/// `2026-11-23T10:31:02Z` → `2026-11-23` (the date part Grafana's table shows).
pub fn date_part(timestamp: &str) -> String {
    timestamp.split('T').next().unwrap_or(timestamp).to_owned()
}

/// `2026-11-23T10:31:02Z` → `2026-11-23 10:31:02` (Grafana's `dateTimeFormat`, in UTC).
pub fn date_time(timestamp: &str) -> String {
    let Some((date, time)) = timestamp.split_once('T') else {
        return timestamp.to_owned();
    };
    let clock: String = time.chars().take(8).collect();
    format!("{date} {clock}")
}

/// How an expiry reads: which words, and in which colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expires {
    /// No expiry ("Never", secondary text).
    Never,
    /// Inside the server's 7-day window: "Expires in N days" (warning).
    Soon(String),
    /// "Expired" (error).
    Expired,
    /// The date and time.
    On(String),
}

impl Expires {
    /// The cell's text.
    pub fn text(&self) -> String {
        match self {
            Self::Never => "Never".to_owned(),
            Self::Soon(t) | Self::On(t) => t.clone(),
            Self::Expired => "Expired".to_owned(),
        }
    }
}

/// Grafana's "Expires" cell: the server fills `secondsUntilExpiration` only within 7 days.
pub fn expires(token: &TokenDto) -> Expires {
    match &token.expiration {
        None => Expires::Never,
        Some(_) if token.has_expired => Expires::Expired,
        Some(_) if token.seconds_until_expiration > 0.0 => {
            let days = (token.seconds_until_expiration / 86_400.0).ceil() as i64;
            if days <= 1 {
                Expires::Soon("Expires in 1 day".to_owned())
            } else {
                Expires::Soon(format!("Expires in {days} days"))
            }
        }
        Some(date) => Expires::On(date_time(date)),
    }
}

/// The "Expires" cell's text.
pub fn expires_text(token: &TokenDto) -> String {
    expires(token).text()
}

/// A version-4 UUID (RFC 9562) from 16 random bytes, in its canonical text form: what
/// Grafana's token dialog appends to the login for the suggested token name.
///
/// ```
/// use leptos_grafana::model::token_expiry::uuid_v4;
/// let id = uuid_v4([0xff; 16]);
/// assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
/// ```
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut text = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push_str(&format!("{b:02x}"));
    }
    text
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOV_23_2026_NOON_MS: f64 = 1_795_435_200_000.0;

    #[test]
    fn known_dates() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(
            format_date(parse_date("2026-11-23").unwrap_or_default()),
            "2026-11-23"
        );
        assert_eq!(parse_date("2026-02-29"), None);
        assert_eq!(
            parse_date("2024-02-29").map(format_date).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(parse_date("tomorrow"), None);
    }

    #[test]
    fn seconds_to_the_end_of_the_picked_day() {
        assert_eq!(
            format_date((NOV_23_2026_NOON_MS / 86_400_000.0) as i64),
            "2026-11-23"
        );
        assert_eq!(
            seconds_to_live(NOV_23_2026_NOON_MS, "2026-11-24", None),
            Ok(36 * 3600)
        );
        assert!(seconds_to_live(NOV_23_2026_NOON_MS, "2026-11-23", None).is_err());
        assert!(seconds_to_live(NOV_23_2026_NOON_MS, "2026-12-24", Some(30)).is_err());
        assert!(seconds_to_live(NOV_23_2026_NOON_MS, "2026-12-23", Some(30)).is_ok());
    }

    proptest! {
        #[test]
        fn format_and_parse_agree(days in -100_000i64..200_000) {
            prop_assert_eq!(parse_date(&format_date(days)), Some(days));
        }
    }

    #[test]
    fn expires_cell() {
        let mut t = TokenDto::default();
        assert_eq!(expires_text(&t), "Never");
        t.expiration = Some("2026-12-01T08:09:10Z".into());
        assert_eq!(expires_text(&t), "2026-12-01 08:09:10");
        t.seconds_until_expiration = 3.5 * 86_400.0;
        assert_eq!(expires_text(&t), "Expires in 4 days");
        t.seconds_until_expiration = 600.0;
        assert_eq!(expires(&t), Expires::Soon("Expires in 1 day".into()));
        t.has_expired = true;
        assert_eq!(expires_text(&t), "Expired");
    }
}
