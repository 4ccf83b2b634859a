package org.lianxin.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Department offices count for the county or city they lie under. */
class PlacesTest {
    static final Places.Node SC = new Places.Node(1, null, "PROVINCE", "/1/", "510000");
    static final Places.Node SC_DEPT = new Places.Node(2, 1L, "DEPARTMENT", "/1/2/", "510000-ZJ");
    static final Places.Node CD = new Places.Node(3, 1L, "CITY", "/1/3/", "510100");
    static final Places.Node CD_HOUSING = new Places.Node(4, 3L, "DEPARTMENT", "/1/3/4/", "510100-ZJ");
    static final Places.Node JJ = new Places.Node(5, 3L, "COUNTY", "/1/3/5/", "510104");
    static final Places.Node JJ_HOUSING = new Places.Node(6, 5L, "DEPARTMENT", "/1/3/5/6/", "510104-ZJ");
    static final Places.Node JJ_HOUSING_OFFICE = new Places.Node(7, 6L, "DEPARTMENT", "/1/3/5/6/7/", "510104-ZJ-1");
    static final Places PLACES = new Places(List.of(SC, SC_DEPT, CD, CD_HOUSING, JJ, JJ_HOUSING, JJ_HOUSING_OFFICE));

    @Test
    void aCountysDepartmentsCountForTheCountyEvenTwoLevelsDown() {
        assertThat(PLACES.placeOf(6)).contains(JJ);
        assertThat(PLACES.placeOf(7)).contains(JJ);
        assertThat(PLACES.placeOf(5)).contains(JJ);
    }

    @Test
    void aCitysOwnDepartmentsCountForTheCityAndTheProvincesForTheProvince() {
        assertThat(PLACES.placeOf(4)).contains(CD);
        assertThat(PLACES.placeOf(3)).contains(CD);
        assertThat(PLACES.placeOf(2)).contains(SC);
    }

    @Test
    void thePlacesOfficesAreItselfAndItsDepartmentsNotItsCounties() {
        assertThat(PLACES.officesCountingFor(5)).containsExactly(5L, 6L, 7L);
        assertThat(PLACES.officesCountingFor(3)).containsExactly(3L, 4L);
        assertThat(PLACES.provinceOf(7)).contains(SC);
        assertThat(PLACES.placeOf(99)).isEmpty();
    }
}
