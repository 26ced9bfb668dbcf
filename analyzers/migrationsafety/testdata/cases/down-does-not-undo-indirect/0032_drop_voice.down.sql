CREATE TYPE voice AS ENUM ('warm', 'cold');
