package io.polyshop.shared;


/** The API's paging rules: {@code page} from 0, {@code size} 1..100, 20 unless asked. */
public record Paging(int page, int size) {

	public static final int DEFAULT_SIZE = 20;
	public static final int MAX_SIZE = 100;

	/** Checks request parameters; a bad value is a 400 problem, not a silent correction. */
	public static Paging of(Integer page, Integer size) {
		int p = page == null ? 0 : page;
		int s = size == null ? DEFAULT_SIZE : size;
		if (p < 0 || s < 1 || s > MAX_SIZE) {
			throw new Refusal(Refusal.Reason.INVALID, null, "page must be 0 or more and size between 1 and " + MAX_SIZE);
		}
		return new Paging(p, s);
	}

	public long offset() {
		return (long) page * size;
	}
}
