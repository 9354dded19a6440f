package lang

import (
	"strings"
	"testing"
)

// The sentences are written for this test; none comes from a corpus.
func TestDetect(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"pl", "Prezydent spotkał się wczoraj z ministrem w Krakowie.", Polish},
		{"pl no diacritics", "Rada miasta przyjela uchwale o budzecie na przyszly rok.", Polish},
		{"pl long", "Umowa została podpisana przez obie strony. Jej treść nie jest jeszcze znana, ale według rzecznika dotyczy współpracy przy budowie drogi.", Polish},
		{"uk", "Президент зустрівся з міністром у Києві минулого тижня.", Ukrainian},
		{"uk no special letters", "Учора на засадах угоди про співпрацю було створено раду.", Ukrainian},
		{"ru", "Вчера министр встретился с послом, который приехал из Москвы.", Russian},
		{"lt", "Prezidentas vakar susitiko su ministru Vilniuje.", Lithuanian},
		{"lt no diacritics", "Taryba priteme sprendima del naujo kelio statybos.", Lithuanian},
		{"en", "The mayor met the minister in the capital on Tuesday.", English},
		{"en short", "He said that the deal was signed.", English},
		{"de", "Der Bürgermeister traf sich gestern mit dem Minister in Berlin.", German},
		{"de no umlaut", "Die Regierung hat den Vertrag mit der Firma unterzeichnet.", German},
		{"empty", "", Unknown},
		{"digits and punctuation", "2024-05-01 12:00 -- 42%", Unknown},
		{"a lone name", "NATO", Unknown},
		{"a name with a distinctive letter", "Burmistrz Gdańska", Polish},
		{"a heading in capitals", "UMOWA O WSPÓŁPRACY", Polish},
		{"lt heading in capitals", "KETINIMŲ PROTOKOLAS", Lithuanian},
		{"ru without its own letters", "Договор подписан в Киеве, сказал министр.", Russian},
		{"uk short", "Угоду підписали у Львові.", Ukrainian},
		{"latin script decides over a cyrillic name", "Spotkanie z delegacją z miasta Черкаси odbyło się w urzędzie.", Polish},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.text); got != tt.want {
				var s scores
				s.add(tt.text, maxWords)
				t.Errorf("Detect(%q) = %q, want %q (scores %v)", tt.text, got, tt.want, s.v)
			}
		})
	}
}

func TestForTrigrams(t *testing.T) {
	var got []string
	forTrigrams([]byte(" żółw "), func(g []byte) { got = append(got, string(g)) })
	want := []string{" żó", "żół", "ółw", "łw "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("trigrams = %q, want %q", got, want)
	}
}

func BenchmarkDetect(b *testing.B) {
	// About 5 KB of text written for this benchmark.
	text := strings.Repeat("Prezydent miasta spotkał się wczoraj z delegacją partnerskiego miasta z Litwy. Rozmawiano o współpracy przy projektach kulturalnych i wymianie młodzieży. ", 33)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Detect(text)
	}
}
