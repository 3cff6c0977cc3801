-- The admin web pages (issue 6) read users' key fingerprints as the web role. The keys themselves
-- stay unreadable to it (user_key has no web grant): this view shows what `pkgforge user key
-- list` prints and nothing that authenticates. A view runs with its owner's rights, so the grant
-- on the view is all the web role gets.
CREATE VIEW user_key_fingerprint AS
SELECT k.id, k.user_id, k.algorithm, k.fingerprint, k.comment, k.added_at, k.revoked_at
  FROM user_key k;

GRANT SELECT ON user_key_fingerprint TO pkgforge_web;
