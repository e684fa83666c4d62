enum _PlaceholderUpload {}
