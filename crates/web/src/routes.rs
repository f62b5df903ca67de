//! The route table: every route with the one permission it needs. Nothing is reachable
//! without an entry here, and the authorization-matrix test walks this list.

use crate::assessment::{
    criteria as assessment_criteria, evidence as assessment_evidence, export as assessment_export,
    import as assessment_import, pages as assessments, rollup as assessment_rollup,
    verify as assessment_verify,
};
use crate::dashboard;
use crate::evaluation::live::api as live_api;
use crate::evaluation::live::{console, join};
use crate::evaluation::{cycles, report, work};
use crate::news::{
    desk as news_desk, feeds as news_feeds, galleries as news_galleries, import as news_import,
    public as news,
};
use crate::plan::{
    api as plan_api, entries as plan_entries, export as plan_export, import as plan_import,
    indicators as plan_indicators, pdf as plan_pdf, plans, references as plan_references,
    workshop as to_plan,
};
use crate::registry::api as registry_api;
use crate::registry::{groups, import, orgs, people};
use crate::report::{
    api as report_api, export as report_export, pages as reports, serve as report_photos,
};
use crate::search::pages as search;
use crate::training::api as training_api;
use crate::training::people as participants;
use crate::training::{
    certificate_manage, certificates, checkin, events, public, template, verify,
};
use crate::{AppState, accounts, api, assets, audit, auth, home, metrics, security};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};
use sermphalang_domain::Permission::{self, *};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

/// Uploads are at most 10 MB; the rest is room for the multipart framing and form fields.
const UPLOAD_LIMIT: usize = 12 * 1024 * 1024;
/// A report's form carries several phone photos at once; each is checked on its own.
const REPORT_LIMIT: usize = 120 * 1024 * 1024;

/// A form with photos: a larger body than other forms.
fn with_photos(route: Route) -> Route {
    Route {
        body_limit: REPORT_LIMIT,
        ..route
    }
}

pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub permission: Permission,
    handler: MethodRouter<AppState>,
    body_limit: usize,
}

fn gr(path: &'static str, permission: Permission, handler: MethodRouter<AppState>) -> Route {
    Route {
        method: Method::GET,
        path,
        permission,
        handler,
        body_limit: UPLOAD_LIMIT,
    }
}

fn pr(path: &'static str, permission: Permission, handler: MethodRouter<AppState>) -> Route {
    Route {
        method: Method::POST,
        path,
        permission,
        handler,
        body_limit: UPLOAD_LIMIT,
    }
}

#[rustfmt::skip]
pub fn table() -> Vec<Route> {
    vec![
        // The shell: operations, assets, language, sign-in, home, audit log, the API document
        gr("/healthz",                                                     Public,         get(metrics::healthz)),
        gr("/readyz",                                                      Public,         get(metrics::readyz)),
        gr("/metrics",                                                     Public,         get(metrics::prometheus)),
        gr("/static/{file}",                                               Public,         get(assets::file)),
        gr("/lang/{code}",                                                 Public,         get(home::set_lang)),
        gr("/font/{size}",                                                 Public,         get(home::set_font)),
        gr("/login",                                                       Public,         get(auth::login_page)),
        pr("/login",                                                       Public,         post(auth::login)),
        pr("/logout",                                                      SignedIn,       post(auth::logout)),
        gr("/",                                                            SignedIn,       get(home::start)),
        gr("/provinces",                                                   NationalRead,   get(home::provinces)),
        gr("/p/{province}/audit",                                          AuditRead,      get(audit::list)),
        gr("/p/{province}/accounts",                                       ProvinceManage, get(accounts::list)),
        pr("/p/{province}/accounts",                                       ProvinceManage, post(accounts::invite)),
        pr("/p/{province}/accounts/{id}/reset",                            ProvinceManage, post(accounts::reset)),
        pr("/p/{province}/accounts/{id}/disable",                          ProvinceManage, post(accounts::disable)),
        pr("/p/{province}/accounts/{id}/enable",                           ProvinceManage, post(accounts::enable)),
        gr("/password/{token}",                                            Public,         get(accounts::password_form)),
        pr("/password/{token}",                                            Public,         post(accounts::password_set)),
        gr("/api/v1/openapi.json",                                         Public,         get(api::openapi)),

        // Registry: organizations, people, working groups, imports, its JSON API
        gr("/p/{province}/orgs",                                           RegistryRead,   get(orgs::list)),
        pr("/p/{province}/orgs",                                           RegistryWrite,  post(orgs::create)),
        gr("/p/{province}/orgs/new",                                       RegistryWrite,  get(orgs::new)),
        gr("/p/{province}/orgs/export",                                    RegistryRead,   get(orgs::export)),
        gr("/p/{province}/orgs/{id}",                                      RegistryRead,   get(orgs::show)),
        pr("/p/{province}/orgs/{id}",                                      RegistryWrite,  post(orgs::update)),
        gr("/p/{province}/orgs/{id}/edit",                                 RegistryWrite,  get(orgs::edit)),
        pr("/p/{province}/orgs/{id}/archive",                              RegistryWrite,  post(orgs::archive)),
        pr("/p/{province}/orgs/{id}/restore",                              RegistryWrite,  post(orgs::restore)),
        gr("/p/{province}/people",                                         RegistryRead,   get(people::list)),
        pr("/p/{province}/people",                                         RegistryWrite,  post(people::create)),
        gr("/p/{province}/people/new",                                     RegistryWrite,  get(people::new)),
        gr("/p/{province}/people/export",                                  RegistryRead,   get(people::export)),
        gr("/p/{province}/people/{id}",                                    RegistryRead,   get(people::show)),
        pr("/p/{province}/people/{id}",                                    RegistryWrite,  post(people::update)),
        gr("/p/{province}/people/{id}/edit",                               RegistryWrite,  get(people::edit)),
        pr("/p/{province}/people/{id}/archive",                            RegistryWrite,  post(people::archive)),
        pr("/p/{province}/people/{id}/restore",                            RegistryWrite,  post(people::restore)),
        gr("/p/{province}/people/{id}/data",                               ProvinceManage, get(people::personal_data)),
        pr("/p/{province}/people/{id}/erase",                              ProvinceManage, post(people::erase)),
        gr("/p/{province}/groups",                                         RegistryRead,   get(groups::list)),
        pr("/p/{province}/groups",                                         ProvinceManage, post(groups::create)),
        gr("/p/{province}/groups/new",                                     ProvinceManage, get(groups::new)),
        gr("/p/{province}/groups/{id}",                                    RegistryRead,   get(groups::show)),
        pr("/p/{province}/groups/{id}",                                    ProvinceManage, post(groups::update)),
        gr("/p/{province}/groups/{id}/edit",                               ProvinceManage, get(groups::edit)),
        pr("/p/{province}/groups/{id}/archive",                            ProvinceManage, post(groups::archive)),
        pr("/p/{province}/groups/{id}/restore",                            ProvinceManage, post(groups::restore)),
        gr("/p/{province}/groups/{id}/order",                              RegistryRead,   get(groups::order_file)),
        pr("/p/{province}/groups/{id}/members",                            ProvinceManage, post(groups::add_member)),
        pr("/p/{province}/groups/{id}/members/{member}/remove",            ProvinceManage, post(groups::remove_member)),
        gr("/p/{province}/import",                                         ProvinceManage, get(import::form)),
        pr("/p/{province}/import",                                         ProvinceManage, post(import::check)),
        pr("/p/{province}/import/{batch}",                                 ProvinceManage, post(import::confirm)),
        gr("/api/v1/provinces",                                            SignedIn,       get(registry_api::provinces)),
        gr("/api/v1/provinces/{province}/districts",                       RegistryRead,   get(registry_api::districts)),
        gr("/api/v1/provinces/{province}/organizations",                   RegistryRead,   get(registry_api::organizations)),
        gr("/api/v1/provinces/{province}/organizations/{id}",              RegistryRead,   get(registry_api::organization)),
        gr("/api/v1/provinces/{province}/people",                          RegistryRead,   get(registry_api::people)),
        gr("/api/v1/provinces/{province}/people/{id}",                     RegistryRead,   get(registry_api::person)),
        gr("/api/v1/provinces/{province}/working-groups",                  RegistryRead,   get(registry_api::working_groups)),

        // Plan: the integrated plan, its tree, its indicators with targets and actuals
        gr("/p/{province}/plans",                                          RegistryRead,   get(plans::list)),
        pr("/p/{province}/plans",                                          PlanManage,     post(plans::create)),
        gr("/p/{province}/plans/new",                                      PlanManage,     get(plans::new)),
        gr("/p/{province}/plans/{id}",                                     RegistryRead,   get(plans::show)),
        pr("/p/{province}/plans/{id}",                                     PlanManage,     post(plans::update)),
        gr("/p/{province}/plans/{id}/edit",                                PlanManage,     get(plans::edit)),
        gr("/p/{province}/plans/{id}/export",                              RegistryRead,   get(plan_export::workbook)),
        gr("/references",                                                  ReferenceManage, get(plan_references::national)),
        pr("/references",                                                  ReferenceManage, post(plan_references::national_add)),
        pr("/references/{code}",                                           ReferenceManage, post(plan_references::national_update)),
        gr("/p/{province}/virtues",                                        PlanManage,     get(plan_references::virtues)),
        pr("/p/{province}/virtues",                                        PlanManage,     post(plan_references::virtue_add)),
        pr("/p/{province}/virtues/{code}",                                 PlanManage,     post(plan_references::virtue_update)),
        gr("/api/v1/provinces/{province}/plans",                           RegistryRead,   get(plan_api::plan_list)),
        gr("/api/v1/provinces/{province}/plans/{id}",                      RegistryRead,   get(plan_api::plan_tree)),
        gr("/api/v1/provinces/{province}/plans/{id}/progress",             RegistryRead,   get(plan_api::plan_progress)),
        gr("/p/{province}/plans/{id}/plan.pdf",                            RegistryRead,   get(plan_pdf::document)),
        gr("/p/{province}/plans/{id}/import",                              PlanManage,     get(plan_import::form)),
        pr("/p/{province}/plans/{id}/import",                              PlanManage,     post(plan_import::check)),
        pr("/p/{province}/plans/{id}/import/{batch}",                      PlanManage,     post(plan_import::confirm)),
        pr("/p/{province}/plans/{id}/entries",                             PlanManage,     post(plan_entries::create)),
        gr("/p/{province}/plans/{id}/entries/new",                         PlanManage,     get(plan_entries::new)),
        gr("/p/{province}/plans/{id}/entries/{entry}",                     RegistryRead,   get(plan_entries::show)),
        pr("/p/{province}/plans/{id}/entries/{entry}",                     PlanManage,     post(plan_entries::update)),
        gr("/p/{province}/plans/{id}/entries/{entry}/edit",                PlanManage,     get(plan_entries::edit)),
        pr("/p/{province}/plans/{id}/indicators",                          PlanManage,     post(plan_indicators::create)),
        gr("/p/{province}/plans/{id}/indicators/new",                      PlanManage,     get(plan_indicators::new)),
        gr("/p/{province}/plans/{id}/indicators/{indicator}",              RegistryRead,   get(plan_indicators::show)),
        pr("/p/{province}/plans/{id}/indicators/{indicator}",              PlanManage,     post(plan_indicators::update)),
        gr("/p/{province}/plans/{id}/indicators/{indicator}/edit",         PlanManage,     get(plan_indicators::edit)),
        pr("/p/{province}/plans/{id}/indicators/{indicator}/targets",      PlanManage,     post(plan_indicators::targets)),
        pr("/p/{province}/plans/{id}/indicators/{indicator}/actuals",      PlanManage,     post(plan_indicators::actuals)),
        pr("/p/{province}/cycles/{id}/to-plan",                            PlanManage,     post(to_plan::carry)),

        // Dashboards: the province's home, the nation's view, the public transparency pages
        gr("/p/{province}",                                                RegistryRead,   get(dashboard::province::show)),
        gr("/p/{province}/dashboard.xlsx",                                 RegistryRead,   get(dashboard::export::province)),
        gr("/nation",                                                      NationalRead,   get(dashboard::nation::show)),
        gr("/p/{province}/dashboard.pdf",                                  RegistryRead,   get(dashboard::export::province_pdf)),
        gr("/nation.xlsx",                                                 NationalRead,   get(dashboard::export::nation)),
        gr("/nation.pdf",                                                  NationalRead,   get(dashboard::export::nation_pdf)),
        gr("/open",                                                        Public,         get(dashboard::public::nation)),
        gr("/open/{code}",                                                 Public,         get(dashboard::public::province)),
        gr("/open/{province}/photos/{photo}/{rendition}",                  Public,         get(dashboard::public::photo)),

        // News: the province's and the Moral Center's desks, galleries, public pages and feeds
        gr("/news",                                                        Public,         get(news::list)),
        gr("/news/feed.rss",                                               Public,         get(news_feeds::rss)),
        gr("/news/feed.atom",                                              Public,         get(news_feeds::atom)),
        gr("/news/{id}",                                                   Public,         get(news::show)),
        gr("/news/{id}/print",                                             Public,         get(news::print)),
        gr("/news/{id}/photos/{photo}/{rendition}",                        Public,         get(news::photo)),
        gr("/p/{province}/news",                                           NewsWrite,      get(news_desk::province_list)),
        pr("/p/{province}/news",                                           NewsWrite,      post(news_desk::province_create)),
        gr("/p/{province}/news/new",                                       NewsWrite,      get(news_desk::province_new)),
        gr("/p/{province}/news/import",                                    NewsWrite,      get(news_import::form)),
        with_photos(pr("/p/{province}/news/import",                        NewsWrite,      post(news_import::run))),
        gr("/p/{province}/news/{id}",                                      NewsWrite,      get(news_desk::province_show)),
        pr("/p/{province}/news/{id}",                                      NewsWrite,      post(news_desk::province_update)),
        gr("/p/{province}/news/{id}/edit",                                 NewsWrite,      get(news_desk::province_edit)),
        pr("/p/{province}/news/{id}/delete",                               NewsWrite,      post(news_desk::province_delete)),
        pr("/p/{province}/reports/{id}/to-news",                           NewsWrite,      post(news_desk::from_report)),
        gr("/p/{province}/galleries",                                      NewsWrite,      get(news_galleries::province_list)),
        pr("/p/{province}/galleries",                                      NewsWrite,      post(news_galleries::province_create)),
        gr("/p/{province}/galleries/{id}",                                 NewsWrite,      get(news_galleries::province_show)),
        with_photos(pr("/p/{province}/galleries/{id}/photos",              NewsWrite,      post(news_galleries::province_upload))),
        pr("/p/{province}/galleries/{id}/arrange",                         NewsWrite,      post(news_galleries::province_arrange)),
        gr("/nation/news",                                                 NationalNewsWrite, get(news_desk::national_list)),
        pr("/nation/news",                                                 NationalNewsWrite, post(news_desk::national_create)),
        gr("/nation/news/new",                                             NationalNewsWrite, get(news_desk::national_new)),
        gr("/nation/news/{id}",                                            NationalNewsWrite, get(news_desk::national_show)),
        pr("/nation/news/{id}",                                            NationalNewsWrite, post(news_desk::national_update)),
        gr("/nation/news/{id}/edit",                                       NationalNewsWrite, get(news_desk::national_edit)),
        pr("/nation/news/{id}/delete",                                     NationalNewsWrite, post(news_desk::national_delete)),
        gr("/nation/galleries",                                            NationalNewsWrite, get(news_galleries::national_list)),
        pr("/nation/galleries",                                            NationalNewsWrite, post(news_galleries::national_create)),
        gr("/nation/galleries/{id}",                                       NationalNewsWrite, get(news_galleries::national_show)),
        with_photos(pr("/nation/galleries/{id}/photos",                    NationalNewsWrite, post(news_galleries::national_upload))),
        pr("/nation/galleries/{id}/arrange",                               NationalNewsWrite, post(news_galleries::national_arrange)),

        // Search: the index over every kind of record, a province's and the open one
        gr("/p/{province}/search",                                         RegistryRead,   get(search::province)),
        gr("/search",                                                      Public,         get(search::open)),

        // Reports: activity reports with photo evidence, their approval, the photos' sizes
        gr("/p/{province}/reports",                                        RegistryRead,   get(reports::list)),
        with_photos(pr("/p/{province}/reports",                            ReportWrite,    post(reports::create))),
        gr("/p/{province}/reports/new",                                    ReportWrite,    get(reports::new)),
        gr("/api/v1/provinces/{province}/reports",                         RegistryRead,   get(report_api::report_list)),
        gr("/api/v1/provinces/{province}/reports/{id}",                    RegistryRead,   get(report_api::report_detail)),
        gr("/p/{province}/reports/export",                                 RegistryRead,   get(report_export::workbook)),
        gr("/p/{province}/reports/{id}",                                   RegistryRead,   get(reports::show)),
        with_photos(pr("/p/{province}/reports/{id}",                       ReportWrite,    post(reports::update))),
        gr("/p/{province}/reports/{id}/edit",                              ReportWrite,    get(reports::edit)),
        pr("/p/{province}/reports/{id}/submit",                            ReportWrite,    post(reports::submit)),
        pr("/p/{province}/reports/{id}/approve",                           ReportApprove,  post(reports::approve)),
        pr("/p/{province}/reports/{id}/return",                            ReportApprove,  post(reports::send_back)),
        pr("/p/{province}/reports/{id}/reopen",                            ReportApprove,  post(reports::reopen)),
        pr("/p/{province}/reports/{id}/photos/{photo}/remove",             ReportWrite,    post(reports::remove_photo)),
        gr("/p/{province}/photos/{photo}/{rendition}",                          RegistryRead,   get(report_photos::photo)),

        // Assessments: self-assessment with evidence, verification on site, award, roll-up
        gr("/nation/assessment-templates",                                 AssessmentTemplates, get(assessment_criteria::list)),
        pr("/nation/assessment-templates",                                 AssessmentTemplates, post(assessment_criteria::create)),
        gr("/nation/assessment-templates/{id}",                            AssessmentTemplates, get(assessment_criteria::show)),
        pr("/nation/assessment-templates/{id}",                            AssessmentTemplates, post(assessment_criteria::update)),
        pr("/nation/assessment-templates/{id}/publish",                    AssessmentTemplates, post(assessment_criteria::publish)),
        pr("/nation/assessment-templates/{id}/new-version",                AssessmentTemplates, post(assessment_criteria::new_version)),
        gr("/p/{province}/assessments",                                    RegistryRead,   get(assessments::list)),
        pr("/p/{province}/assessments",                                    AssessmentWrite, post(assessments::create)),
        gr("/p/{province}/assessments/new",                                AssessmentWrite, get(assessments::new)),
        gr("/p/{province}/assessments/export.xlsx",                        RegistryRead,   get(assessment_export::workbook)),
        gr("/p/{province}/assessments/import",                             AssessmentDecide, get(assessment_import::form)),
        pr("/p/{province}/assessments/import",                             AssessmentDecide, post(assessment_import::check)),
        pr("/p/{province}/assessments/import/{batch}",                     AssessmentDecide, post(assessment_import::confirm)),
        gr("/p/{province}/assessments/rollup",                             RegistryRead,   get(assessment_rollup::show)),
        gr("/p/{province}/assessments/{id}",                               RegistryRead,   get(assessments::show)),
        pr("/p/{province}/assessments/{id}",                               AssessmentWrite, post(assessments::save)),
        pr("/p/{province}/assessments/{id}/submit",                        AssessmentWrite, post(assessments::submit)),
        with_photos(pr("/p/{province}/assessments/{id}/evidence",          AssessmentWrite, post(assessment_evidence::add))),
        gr("/p/{province}/assessments/{id}/evidence/{evidence}",           RegistryRead,   get(assessment_evidence::file)),
        pr("/p/{province}/assessments/{id}/evidence/{evidence}/remove",    AssessmentWrite, post(assessment_evidence::remove)),
        pr("/p/{province}/assessments/{id}/verifiers",                     AssessmentDecide, post(assessment_verify::assign)),
        gr("/p/{province}/assessments/{id}/visit",                         AssessmentVerify, get(assessment_verify::visit)),
        pr("/p/{province}/assessments/{id}/visit",                         AssessmentVerify, post(assessment_verify::record)),
        pr("/p/{province}/assessments/{id}/award",                         AssessmentDecide, post(assessment_verify::award)),
        pr("/p/{province}/assessments/{id}/return",                        AssessmentDecide, post(assessment_verify::send_back)),
        gr("/p/{province}/assessments/{id}/certificate.pdf",               RegistryRead,   get(assessment_verify::certificate)),

        // Evaluation: cycles, their three steps, reports
        gr("/p/{province}/cycles",                                         RegistryRead,   get(cycles::list)),
        pr("/p/{province}/cycles",                                         EvaluationRun,  post(cycles::create)),
        gr("/p/{province}/cycles/new",                                     EvaluationRun,  get(cycles::new)),
        gr("/p/{province}/cycles/{id}",                                    RegistryRead,   get(cycles::show)),
        pr("/p/{province}/cycles/{id}",                                    EvaluationRun,  post(cycles::update)),
        gr("/p/{province}/cycles/{id}/edit",                               EvaluationRun,  get(cycles::edit)),
        pr("/p/{province}/cycles/{id}/archive",                            EvaluationRun,  post(cycles::archive)),
        pr("/p/{province}/cycles/{id}/restore",                            EvaluationRun,  post(cycles::restore)),
        pr("/p/{province}/cycles/{id}/step",                               EvaluationRun,  post(work::set_step)),
        pr("/p/{province}/cycles/{id}/mission",                            EvaluationRun,  post(work::save_mission)),
        pr("/p/{province}/cycles/{id}/phrases",                            EvaluationRun,  post(work::add_phrase)),
        pr("/p/{province}/cycles/{id}/phrases/{phrase}/hide",              EvaluationRun,  post(work::hide_phrase)),
        pr("/p/{province}/cycles/{id}/activities",                         EvaluationRun,  post(work::add_activity)),
        pr("/p/{province}/cycles/{id}/activities/merge",                   EvaluationRun,  post(work::merge)),
        pr("/p/{province}/cycles/{id}/activities/choose",                  EvaluationRun,  post(work::choose)),
        pr("/p/{province}/cycles/{id}/activities/{activity}/dialogue",     EvaluationRun,  post(work::dialogue)),
        pr("/p/{province}/cycles/{id}/activities/{activity}/paper",        EvaluationRun,  post(work::paper)),
        pr("/p/{province}/cycles/{id}/plans",                              EvaluationRun,  post(work::add_plan)),
        gr("/p/{province}/cycles/{id}/plans/new",                          EvaluationRun,  get(work::new_plan)),
        pr("/p/{province}/cycles/{id}/plans/{item}/remove",                EvaluationRun,  post(work::remove_plan)),
        gr("/p/{province}/cycles/{id}/report.pdf",                         RegistryRead,   get(report::pdf)),
        gr("/p/{province}/cycles/{id}/report.xlsx",                        RegistryRead,   get(report::excel)),

        // Evaluation, live: console, projector, phones, the live JSON API
        gr("/p/{province}/cycles/{id}/console",                            EvaluationRun,  get(console::console)),
        pr("/p/{province}/cycles/{id}/live",                               EvaluationRun,  post(console::start)),
        pr("/p/{province}/cycles/{id}/live/end",                           EvaluationRun,  post(console::end)),
        pr("/p/{province}/cycles/{id}/live/control",                       EvaluationRun,  post(console::control)),
        gr("/p/{province}/cycles/{id}/projector",                          RegistryRead,   get(console::projector)),
        gr("/p/{province}/cycles/{id}/events/projector",                   RegistryRead,   get(console::projector_events)),
        gr("/p/{province}/cycles/{id}/events/console",                     EvaluationRun,  get(console::console_events)),
        gr("/j",                                                           Public,         get(join::enter)),
        gr("/j/{code}",                                                    Public,         get(join::show)),
        pr("/j/{code}",                                                    Public,         post(join::join)),
        pr("/j/{code}/answer",                                             Public,         post(join::answer)),
        gr("/j/{code}/events",                                             Public,         get(join::events)),
        gr("/api/v1/live/{code}",                                          Public,         get(live_api::current)),
        pr("/api/v1/live/{code}/join",                                     Public,         post(live_api::join)),
        pr("/api/v1/live/{code}/votes",                                    Public,         post(live_api::vote)),
        gr("/api/v1/live/{code}/results",                                  Public,         get(live_api::results)),

        // Training: events, certificates, the door, public registration, tickets, verification
        gr("/p/{province}/events",                                         RegistryRead,   get(events::list)),
        pr("/p/{province}/events",                                         TrainingManage, post(events::create)),
        gr("/p/{province}/events/new",                                     TrainingManage, get(events::new)),
        gr("/p/{province}/events/{id}",                                    RegistryRead,   get(events::show)),
        pr("/p/{province}/events/{id}",                                    TrainingManage, post(events::update)),
        gr("/p/{province}/events/{id}/edit",                               TrainingManage, get(events::edit)),
        pr("/p/{province}/events/{id}/cancel",                             TrainingManage, post(events::cancel)),
        pr("/p/{province}/events/{id}/registrations/{registration}",       TrainingManage, post(events::decide)),
        gr("/p/{province}/events/{id}/registrations/{registration}/person", TrainingManage, get(participants::show)),
        pr("/p/{province}/events/{id}/registrations/{registration}/person", TrainingManage, post(participants::save)),
        gr("/p/{province}/events/{id}/certificates",                       TrainingManage, get(certificates::show)),
        pr("/p/{province}/events/{id}/certificates",                       TrainingManage, post(certificates::issue_all)),
        pr("/p/{province}/events/{id}/certificates/issue/{registration}",  TrainingManage, post(certificates::issue_one)),
        gr("/p/{province}/events/{id}/certificates.zip",                   TrainingManage, get(certificates::zip)),
        gr("/p/{province}/events/{id}/certificates/preview.pdf",           TrainingManage, get(certificates::preview)),
        gr("/p/{province}/events/{id}/certificates/{certificate}/pdf",     TrainingManage, get(certificates::pdf)),
        gr("/p/{province}/events/{id}/certificates/{certificate}",         TrainingManage, get(certificate_manage::show)),
        pr("/p/{province}/events/{id}/certificates/{certificate}/revoke",  TrainingManage, post(certificate_manage::revoke)),
        pr("/p/{province}/events/{id}/certificates/{certificate}/reissue", TrainingManage, post(certificate_manage::reissue)),
        pr("/p/{province}/events/{id}/artwork",                            TrainingManage, post(certificates::artwork)),
        pr("/p/{province}/events/{id}/logos/{file}/remove",                TrainingManage, post(certificates::remove_logo)),
        gr("/p/{province}/certificate-template",                           TrainingManage, get(template::show)),
        pr("/p/{province}/certificate-template",                           TrainingManage, post(template::update)),
        gr("/p/{province}/events/{id}/checkin",                            CheckIn,        get(checkin::show)),
        pr("/p/{province}/events/{id}/checkin",                            CheckIn,        post(checkin::by_code)),
        pr("/p/{province}/events/{id}/checkin/walk-in",                    CheckIn,        post(checkin::walk_in)),
        gr("/api/v1/provinces/{province}/events/{id}/roster",              CheckIn,        get(training_api::roster)),
        pr("/api/v1/provinces/{province}/events/{id}/checkins",            CheckIn,        post(training_api::check_in)),
        pr("/api/v1/provinces/{province}/events/{id}/decode",              CheckIn,        post(training_api::decode)),
        gr("/events/{id}",                                                 Public,         get(public::show)),
        pr("/events/{id}/register",                                        Public,         post(public::register)),
        gr("/t/{ticket}",                                                  Public,         get(public::ticket)),
        pr("/t/{ticket}/cancel",                                           Public,         post(public::cancel)),
        pr("/t/{ticket}/feedback",                                         Public,         post(public::submit_feedback)),
        gr("/t/{ticket}/certificate.pdf",                                  Public,         get(public::certificate_pdf)),
        gr("/verify",                                                      Public,         get(verify::form)),
        gr("/verify/{code}",                                               Public,         get(verify::show)),
    ]
}

pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for route in table() {
        let permission = route.permission;
        let guarded = route
            .handler
            .layer::<_, std::convert::Infallible>(DefaultBodyLimit::max(route.body_limit))
            .layer::<_, std::convert::Infallible>(RequestBodyLimitLayer::new(route.body_limit))
            .route_layer(axum::middleware::from_fn(move |req, next| {
                auth::authorize(permission, req, next)
            }));
        router = router.route(route.path, guarded);
    }
    router
        .fallback(crate::error::not_found)
        .layer(RequestBodyLimitLayer::new(REPORT_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::context,
        ))
        .layer(CatchPanicLayer::custom(|_| {
            let reference = crate::error::reference_id();
            tracing::error!(%reference, "handler panicked");
            crate::error::error_page(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                Some(reference),
            )
        }))
        .layer(compression())
        .layer(TraceLayer::new_for_http())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::front_cache::front,
        ))
        .with_state(state)
}

/// Bodies this size or smaller go out as they are.
pub const COMPRESS_ABOVE: u16 = 1024;
/// brotli's and gzip's level, here and in `front_cache`.
pub const COMPRESSION_LEVEL: i32 = 4;

/// Pages and scripts compressed for phones on slow connections (brotli or gzip, as the browser
/// asks), at a quick level: the default brotli quality costs ten times the CPU for a few per
/// cent. Live streams must reach phones at once, and images, PDFs and workbooks are compressed
/// already.
fn compression() -> tower_http::compression::CompressionLayer<impl Predicate> {
    let predicate = SizeAbove::new(COMPRESS_ABOVE)
        .and(NotForContentType::GRPC)
        .and(NotForContentType::IMAGES)
        .and(NotForContentType::SSE)
        .and(NotForContentType::const_new("application/pdf"))
        .and(NotForContentType::const_new("application/zip"))
        .and(NotForContentType::const_new(
            "application/vnd.openxmlformats",
        ))
        .and(NotForContentType::const_new("font/"));
    tower_http::compression::CompressionLayer::new()
        .quality(tower_http::CompressionLevel::Precise(COMPRESSION_LEVEL))
        .compress_when(predicate)
}
