//! Where each kind's documents come from: one SELECT per kind, read for one record after a
//! change and for every record when the index is built again.

use super::Kind;
use crate::news::now_stamp;

/// The columns every source yields, in order: id, province, audience, archived (0 or 1),
/// title, body, dated, parent.
pub(super) fn select(kind: Kind) -> String {
    match kind {
        // A scheduled post is for its editors until its time; `posts::publish_due` indexes it
        // again then.
        Kind::News => format!(
            "SELECT n.id, n.province_code, \
             CASE WHEN n.status = 'published' AND n.publish_at <= '{}' THEN 'public' \
             ELSE 'editors' END, 0, n.title, n.summary || ' ' || n.body || ' ' || n.byline, \
             n.publish_at, NULL FROM news_posts n",
            now_stamp()
        ),
        Kind::Organization => {
            "SELECT o.id, o.province_code, 'members', \
             CASE WHEN o.archived_at IS NULL THEN 0 ELSE 1 END, o.name, \
             o.address || ' ' || COALESCE(d.name_th, '') || ' ' || o.email || ' ' || o.phone, \
             o.updated_at, NULL \
             FROM organizations o LEFT JOIN districts d ON d.code = o.district_code"
            .into()
        }
        Kind::Person => {
            "SELECT p.id, p.province_code, 'members', \
             CASE WHEN p.archived_at IS NULL THEN 0 ELSE 1 END, \
             p.prefix || p.first_name || ' ' || p.last_name, \
             p.position || ' ' || COALESCE(o.name, '') || ' ' || p.email || ' ' || p.phone, \
             p.updated_at, NULL \
             FROM people p LEFT JOIN organizations o ON o.id = p.organization_id"
            .into()
        }
        Kind::Event => {
            "SELECT e.id, e.province_code, \
             CASE WHEN e.published = 1 AND e.cancelled_at IS NULL THEN 'public' ELSE 'members' END, \
             0, e.title, e.description || ' ' || e.venue, e.starts_on, NULL \
             FROM events e"
            .into()
        }
        Kind::PlanEntry => {
            "SELECT e.id, p.province_code, 'members', \
             CASE WHEN p.archived_at IS NULL THEN 0 ELSE 1 END, e.title, e.description, \
             e.updated_at, e.plan_id \
             FROM plan_entries e JOIN plans p ON p.id = e.plan_id"
            .into()
        }
        Kind::Report => {
            "SELECT r.id, r.province_code, 'members', 0, r.title, \
             r.narrative || ' ' || r.venue || ' ' || COALESCE(d.name_th, ''), r.held_on, NULL \
             FROM reports r LEFT JOIN districts d ON d.code = r.district_code"
            .into()
        }
    }
}

/// The column a source's records are found by.
pub(super) fn id_column(kind: Kind) -> &'static str {
    match kind {
        Kind::Organization => "o.id",
        Kind::Person => "p.id",
        Kind::Event | Kind::PlanEntry => "e.id",
        Kind::Report => "r.id",
        Kind::News => "n.id",
    }
}
