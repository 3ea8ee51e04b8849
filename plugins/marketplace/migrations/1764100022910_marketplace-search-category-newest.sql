-- Up Migration

-- sort=newest with a category walked marketplace_search_newest_idx from the newest and skipped every listing
-- of other categories: a category with few recent listings read most of the table (the bench: its 20,000
-- install listings, all newer than the searched ones and none in `finance`, were read for each page, ~7 ms
-- of PostgreSQL's time where the walk of one category reads one page). The category first, then the
-- order's keys: the walk reads only the category's listings, from the cursor's position.
create index marketplace_search_category_newest_idx on marketplace_search (category, published_at, slug);

-- Down Migration

drop index marketplace_search_category_newest_idx;
