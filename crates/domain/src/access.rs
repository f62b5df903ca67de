//! Roles, permissions and the deny-by-default rule that joins them.

use crate::registry::Sector;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    National,
    Secretariat,
    Coordinator,
    Member,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::National,
        Role::Secretariat,
        Role::Coordinator,
        Role::Member,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::National => "national",
            Role::Secretariat => "secretariat",
            Role::Coordinator => "coordinator",
            Role::Member => "member",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label_th(self) -> &'static str {
        match self {
            Role::Admin => "ผู้ดูแลระบบ",
            Role::National => "เจ้าหน้าที่ส่วนกลาง (ศูนย์คุณธรรม)",
            Role::Secretariat => "ฝ่ายเลขานุการจังหวัด",
            Role::Coordinator => "ผู้ประสานงานเครือข่าย",
            Role::Member => "คณะทำงานติดตามประเมินผล",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::Admin => "System administrator",
            Role::National => "National staff (Moral Center)",
            Role::Secretariat => "Provincial secretariat",
            Role::Coordinator => "Network coordinator",
            Role::Member => "Working-group member",
        }
    }

    /// Roles bound to one province; the others see every province.
    pub fn is_provincial(self) -> bool {
        matches!(self, Role::Secretariat | Role::Coordinator | Role::Member)
    }
}

/// What a route needs. Every route names one; there is no default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in account.
    SignedIn,
    /// Read a province's registry.
    RegistryRead,
    /// Create and edit organizations and people (coordinators: their network only).
    RegistryWrite,
    /// Manage a province: working groups, appointment orders, imports.
    ProvinceManage,
    /// Read the audit log of a province.
    AuditRead,
    /// The list of every province.
    NationalRead,
    /// Run a province's evaluation cycles and live workshops (working-group members: only the
    /// cycles they facilitate).
    EvaluationRun,
    /// Create and run a province's trainings: registrations, certificates, the template.
    TrainingManage,
    /// Check people in at a training's door.
    CheckIn,
    /// Write the province's integrated plan: its tree, indicators, targets.
    PlanManage,
    /// Draft and submit activity reports (coordinators: for their network only).
    ReportWrite,
    /// Approve, return and reopen activity reports.
    ReportApprove,
    /// Correct and add the national references plans are aligned with.
    ReferenceManage,
    /// Write a province's news and galleries.
    NewsWrite,
    /// Write the Moral Center's own news and galleries.
    NationalNewsWrite,
    /// Fill a unit's self-assessment (coordinators: units of their network only).
    AssessmentWrite,
    /// Record a site visit's checklist (working-group members: assessments assigned to them).
    AssessmentVerify,
    /// Assign verifiers, award levels and return assessments.
    AssessmentDecide,
    /// Edit and publish the assessment criteria for the whole country.
    AssessmentTemplates,
}

/// A signed-in account, as authorization sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub province: Option<i64>,
    pub network: Option<Sector>,
}

impl Account {
    /// Whether the role allows the permission at all, before looking at a province.
    pub fn has(&self, permission: Permission) -> bool {
        use Permission::*;
        use Role::*;
        match permission {
            Public | SignedIn | RegistryRead => true,
            RegistryWrite => matches!(self.role, Admin | Secretariat | Coordinator),
            ProvinceManage | AuditRead => matches!(self.role, Admin | Secretariat),
            NationalRead | ReferenceManage => matches!(self.role, Admin | National),
            EvaluationRun => matches!(self.role, Admin | Secretariat | Member),
            TrainingManage => matches!(self.role, Admin | Secretariat),
            CheckIn => matches!(self.role, Admin | Secretariat | Coordinator | Member),
            PlanManage | ReportApprove => matches!(self.role, Admin | Secretariat),
            ReportWrite => matches!(self.role, Admin | Secretariat | Coordinator),
            NewsWrite => matches!(self.role, Admin | Secretariat),
            NationalNewsWrite => matches!(self.role, Admin | National),
            AssessmentWrite => matches!(self.role, Admin | Secretariat | Coordinator),
            AssessmentVerify => matches!(self.role, Admin | Secretariat | Member),
            AssessmentDecide => matches!(self.role, Admin | Secretariat),
            AssessmentTemplates => matches!(self.role, Admin | National),
        }
    }

    /// Whether this account may see the province at all.
    pub fn sees_province(&self, province: i64) -> bool {
        !self.role.is_provincial() || self.province == Some(province)
    }

    /// Whether this account may change a record that belongs to these networks.
    pub fn may_edit_networks(&self, networks: &[Sector]) -> bool {
        match self.role {
            Role::Admin | Role::Secretariat => true,
            Role::Coordinator => self.network.is_some_and(|n| networks.contains(&n)),
            Role::National | Role::Member => false,
        }
    }

    /// The province a signed-in account lands on.
    pub fn home_province(&self) -> Option<i64> {
        self.province
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(role: Role, network: Option<Sector>) -> Account {
        Account {
            id: 1,
            email: "a@b.example".into(),
            display_name: "ทดสอบ".into(),
            role,
            province: role.is_provincial().then_some(41),
            network,
        }
    }

    #[test]
    fn provincial_roles_see_only_their_province() {
        let s = account(Role::Secretariat, None);
        assert!(s.sees_province(41));
        assert!(!s.sees_province(40));
        assert!(account(Role::National, None).sees_province(40));
    }

    #[test]
    fn coordinators_edit_only_their_network() {
        let c = account(Role::Coordinator, Some(Sector::Religion));
        assert!(c.has(Permission::RegistryWrite));
        assert!(c.may_edit_networks(&[Sector::Education, Sector::Religion]));
        assert!(!c.may_edit_networks(&[Sector::Education]));
        assert!(!account(Role::Coordinator, None).may_edit_networks(&[Sector::Media]));
    }

    #[test]
    fn only_secretariat_and_admin_manage_working_groups_and_read_audit() {
        for role in Role::ALL {
            let a = account(role, Some(Sector::Public));
            let expected = matches!(role, Role::Admin | Role::Secretariat);
            assert_eq!(a.has(Permission::ProvinceManage), expected, "{role:?}");
            assert_eq!(a.has(Permission::AuditRead), expected, "{role:?}");
        }
    }

    #[test]
    fn national_and_member_cannot_write_the_registry() {
        assert!(!account(Role::National, None).has(Permission::RegistryWrite));
        assert!(!account(Role::Member, None).has(Permission::RegistryWrite));
        assert!(!account(Role::Member, None).has(Permission::NationalRead));
    }

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
