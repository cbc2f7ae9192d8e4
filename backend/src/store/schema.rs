//! Diesel table definitions, written by hand to match `migrations/` (the same on both backends:
//! text ids, naive UTC timestamps, JSON as text).

diesel::table! {
    organisations (id) {
        id -> Text,
        kind -> Text,
        name -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        audit_seq -> BigInt,
        audit_head -> Text,
    }
}

diesel::table! {
    users (org_id, id) {
        org_id -> Text,
        id -> Text,
        email -> Text,
        display_name -> Text,
        role -> Text,
        password_hash -> Text,
        disabled -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        /// Set when an admin chose the password (web app, issue 15): change it at next sign-in.
        must_change_password -> Bool,
        /// The language the person chose (`da`, `en`); NULL: not chosen.
        language -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (org_id, id) {
        org_id -> Text,
        id -> Text,
        user_id -> Text,
        token_hash -> Text,
        family_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_entries (org_id, seq) {
        org_id -> Text,
        seq -> BigInt,
        actor_user_id -> Text,
        actor_email -> Text,
        actor_org_id -> Text,
        at -> Timestamp,
        action -> Text,
        entity -> Text,
        entity_id -> Text,
        item_key -> Nullable<Text>,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    templates (id) {
        id -> Text,
        owner_org_id -> Text,
        key -> Text,
        title -> Text,
        kind -> Text,
        created_at -> Timestamp,
        check_settings -> Nullable<Text>,
        language -> Text,
    }
}

diesel::table! {
    template_versions (template_id, number) {
        template_id -> Text,
        number -> Integer,
        status -> Text,
        content -> Text,
        changelog -> Nullable<Text>,
        published_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::joinable!(template_versions -> templates (template_id));

diesel::table! {
    assessments (org_id, id) {
        org_id -> Text,
        id -> Text,
        template_id -> Text,
        base_version -> Integer,
        title -> Text,
        status -> Text,
        revision -> Integer,
        local_changes -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    assessment_revisions (org_id, assessment_id, revision) {
        org_id -> Text,
        assessment_id -> Text,
        revision -> Integer,
        template_id -> Text,
        base_version -> Integer,
        local_changes -> Text,
        approved_at -> Timestamp,
        approved_by -> Text,
    }
}

diesel::table! {
    assessment_states (org_id, assessment_id, version) {
        org_id -> Text,
        assessment_id -> Text,
        version -> BigInt,
        at -> Timestamp,
        base_version -> Integer,
        status -> Text,
        revision -> Integer,
        local_changes -> Text,
        delta_from -> Nullable<BigInt>,
        delta_prefix -> Nullable<BigInt>,
        delta_suffix -> Nullable<BigInt>,
    }
}

diesel::table! {
    review_findings (org_id, id) {
        org_id -> Text,
        id -> Text,
        assessment_id -> Nullable<Text>,
        adherence_id -> Nullable<Text>,
        item_key -> Nullable<Text>,
        severity -> Text,
        comment -> Text,
        status -> Text,
        answer -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    adherences (org_id, id) {
        org_id -> Text,
        id -> Text,
        template_id -> Text,
        code_version -> Integer,
        answers -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    notices (org_id, id) {
        org_id -> Text,
        id -> Text,
        recipient_user_id -> Nullable<Text>,
        kind -> Text,
        subject -> Text,
        occasion -> Text,
        title -> Text,
        link -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notice_reads (org_id, notice_id, user_id) {
        org_id -> Text,
        notice_id -> Text,
        user_id -> Text,
        read_at -> Timestamp,
    }
}

diesel::table! {
    notice_outbox (org_id, id) {
        org_id -> Text,
        id -> Text,
        notice_id -> Text,
        user_id -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        sent_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(adherences -> organisations (org_id));
diesel::joinable!(assessments -> organisations (org_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    users,
    refresh_tokens,
    audit_entries,
    templates,
    template_versions,
    assessments,
    assessment_revisions,
    assessment_states,
    review_findings,
    adherences,
    notices,
    notice_reads,
    notice_outbox,
);

diesel::table! {
    web_sessions (org_id, id) {
        org_id -> Text,
        id -> Text,
        user_id -> Text,
        secret_hash -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
    }
}

// Single sign-on and the second factor (issue 17, migration 2026-11-26-000100_org_sso).
diesel::table! {
    org_sso (org_id) {
        org_id -> Text,
        issuer -> Text,
        client_id -> Text,
        client_secret -> Text,
        domains -> Text,
        create_users -> Bool,
        new_user_role -> Text,
        require_totp -> Bool,
        version -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    user_identities (org_id, issuer, subject) {
        org_id -> Text,
        user_id -> Text,
        issuer -> Text,
        subject -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    oidc_flows (state_hash) {
        state_hash -> Text,
        browser_hash -> Text,
        org_id -> Text,
        nonce -> Text,
        pkce_verifier -> Text,
        redirect_uri -> Text,
        next -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    user_totp (org_id, user_id) {
        org_id -> Text,
        user_id -> Text,
        secret -> Text,
        confirmed -> Bool,
        last_step -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    signin_challenges (secret_hash) {
        secret_hash -> Text,
        org_id -> Text,
        user_id -> Text,
        enrol -> Bool,
        attempts -> BigInt,
        next -> Text,
        expires_at -> Timestamp,
    }
}

// Adopter summaries of the overview kept across restarts (issue 18, migration
// 2026-11-26-000130_overview_summaries; `crate::overview::stored`).
diesel::table! {
    overview_summaries (org_id, assessment_id) {
        org_id -> Text,
        assessment_id -> Text,
        version -> BigInt,
        base_version -> Integer,
        status -> Text,
        revision -> Integer,
        check_settings -> Nullable<Text>,
        day -> Text,
        computed_by -> Text,
        summary -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(assessments, overview_summaries);
