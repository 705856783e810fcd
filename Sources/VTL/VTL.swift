// VTL
