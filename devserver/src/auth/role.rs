//! `OrgRole`: a person's or service account's basic role in the org (`None`, `Viewer`,
//! `Editor`, `Admin`), as Grafana names and parses it.

/// A basic org role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OrgRole {
    /// `None`: no basic-role permissions.
    None,
    /// `Viewer`.
    Viewer,
    /// `Editor`.
    Editor,
    /// `Admin`.
    Admin,
}

impl OrgRole {
    /// Grafana's name.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgRole::None => "None",
            OrgRole::Viewer => "Viewer",
            OrgRole::Editor => "Editor",
            OrgRole::Admin => "Admin",
        }
    }

    /// Parses a role as Grafana's `RoleType.UnmarshalText` does: title-cased, `""` = Viewer.
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "" | "viewer" => Some(OrgRole::Viewer),
            "none" => Some(OrgRole::None),
            "editor" => Some(OrgRole::Editor),
            "admin" => Some(OrgRole::Admin),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use grafana_model::time::rfc3339;

    #[test]
    fn roles_parse_like_grafana() {
        assert_eq!(OrgRole::parse("viewer"), Some(OrgRole::Viewer));
        assert_eq!(OrgRole::parse(""), Some(OrgRole::Viewer));
        assert_eq!(OrgRole::parse("ADMIN"), Some(OrgRole::Admin));
        assert_eq!(OrgRole::parse("Owner"), None);
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_647_873_333), "2022-03-21T14:35:33Z");
    }
}
