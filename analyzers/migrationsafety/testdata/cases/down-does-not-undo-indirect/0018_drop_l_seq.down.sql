CREATE SEQUENCE l_items_id_seq OWNED BY l_items.id;
ALTER TABLE l_items ALTER COLUMN id SET DEFAULT nextval('l_items_id_seq'::regclass);
