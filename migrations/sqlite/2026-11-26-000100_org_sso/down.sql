DROP TABLE signin_challenges;
DROP TABLE user_totp;
DROP TABLE oidc_flows;
DROP TABLE user_identities;
DROP TABLE org_sso;
