"""The career model's use cases: which track a competency link belongs to, carrying
ratings over on a switch, marks (not applicable, focus), suggestions and the promotion
packet."""
