-- News: posts of a province (province_code) or of the Moral Center (NULL), written in Markdown,
-- public from publish_at (Thai local time, 'YYYY-MM-DD HH:MM') once published.
--
-- A gallery is an ordered list of photos by id, with captions: photos uploaded to it, or a
-- report's approved photos, referenced, not copied. folder is how a post's body names it in a
-- {gallery}folder{/gallery} tag (the form Joomla's galleries use), kept as
-- sermphalang_domain::news::gallery::folder_key. A national gallery's photos are stored under
-- Bangkok (10), the Moral Center's seat, since every stored file belongs to a province.
CREATE TABLE galleries (
    id INTEGER PRIMARY KEY,
    province_code BIGINT REFERENCES provinces (code),
    title TEXT NOT NULL,
    folder TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX galleries_folder ON galleries (COALESCE(province_code, 0), folder);

CREATE TABLE gallery_photos (
    gallery_id BIGINT NOT NULL REFERENCES galleries (id) ON DELETE CASCADE,
    photo_id BIGINT NOT NULL REFERENCES photos (id),
    position BIGINT NOT NULL,
    caption TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (gallery_id, photo_id)
);
CREATE INDEX gallery_photos_photo ON gallery_photos (photo_id);

CREATE TABLE news_posts (
    id INTEGER PRIMARY KEY,
    province_code BIGINT REFERENCES provinces (code),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    byline TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    publish_at TEXT NOT NULL,
    event_id BIGINT REFERENCES events (id),
    cycle_id BIGINT REFERENCES cycles (id),
    entry_id BIGINT REFERENCES plan_entries (id),
    report_id BIGINT REFERENCES reports (id),
    gallery_id BIGINT REFERENCES galleries (id),
    cover_photo_id BIGINT REFERENCES photos (id),
    source TEXT,
    created_by BIGINT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX news_posts_public ON news_posts (status, publish_at);
CREATE INDEX news_posts_province ON news_posts (province_code, publish_at);
CREATE UNIQUE INDEX news_posts_source ON news_posts (COALESCE(province_code, 0), source);

CREATE TABLE news_tags (
    post_id BIGINT NOT NULL REFERENCES news_posts (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (post_id, tag)
);
