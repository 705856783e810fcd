// MappingTemplates
