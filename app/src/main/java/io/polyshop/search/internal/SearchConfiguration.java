package io.polyshop.search.internal;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

	/** The index lives with the embedded stores' data, one per instance; closed after the feed has stopped. */
	@Bean(destroyMethod = "close")
	ProductIndex productIndex(@Value("${polyshop.search.directory:${polyshop.data-dir:./data}/search}") String directory) {
		return new ProductIndex(Path.of(directory).toAbsolutePath().normalize());
	}
}
