package client

// Quality is a dataset's metadata quality as udata 17.6.0 answers it
// (Dataset.quality: the criteria compute_quality stored at the last save,
// update_fulfilled_in_time computed at read time, and
// compute_quality_score's share of the nine criteria). A criterion udata
// leaves out (the files' four without files, update_fulfilled_in_time without
// a frequency) is nil here: not met, and not counted.
type Quality struct {
	License                   bool    `json:"license"`
	TemporalCoverage          bool    `json:"temporal_coverage"`
	Spatial                   bool    `json:"spatial"`
	UpdateFrequency           bool    `json:"update_frequency"`
	UpdateFulfilledInTime     *bool   `json:"update_fulfilled_in_time"`
	DatasetDescriptionQuality bool    `json:"dataset_description_quality"`
	HasResources              *bool   `json:"has_resources"`
	HasOpenFormat             *bool   `json:"has_open_format"`
	AllResourcesAvailable     *bool   `json:"all_resources_available"`
	ResourcesDocumentation    *bool   `json:"resources_documentation"`
	Score                     float64 `json:"score"`
}
