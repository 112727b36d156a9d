"""Language facts: entities with roles, quotes with speakers, quantities, dates."""
