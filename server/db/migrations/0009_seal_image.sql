-- A seal may use an uploaded image (PNG) instead of the generated round seal.
alter table seal add column image_hash text references blob (hash);
