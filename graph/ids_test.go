package graph

import "testing"

func TestFoldAndSlug(t *testing.T) {
	tests := []struct{ in, fold, slug string }{
		{"Kraków", "krakow", "krakow"},
		{"  Łódź—Wrocław ", "lodz wroclaw", "lodz-wroclaw"},
		{"Øystein Bø", "oystein bo", "oystein-bo"},
		{"Рада Європи", "рада європи", "rada-ievropy"},
		{"Організація Об'єднаних Націй", "організація об єднаних націи", "orhanizatsiia-ob-iednanykh-natsiy"},
		{"„Razem w bibliotece”", "razem w bibliotece", "razem-w-bibliotece"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.fold {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.fold)
			}
			if got := Slug(tt.in); got != tt.slug {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.slug)
			}
		})
	}
}

func TestRelationIDSymmetric(t *testing.T) {
	if RelationID("a", PartnerOf, "b") != RelationID("b", PartnerOf, "a") {
		t.Error("partner_of relation IDs differ by direction")
	}
	if RelationID("a", MemberOf, "b") == RelationID("b", MemberOf, "a") {
		t.Error("member_of relation IDs equal in both directions")
	}
}
